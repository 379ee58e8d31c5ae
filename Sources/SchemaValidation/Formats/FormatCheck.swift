/// A `format` that this validator asserts: what it checks and how a message names it. A
/// class: one reference to pass on each evaluation.
final class FormatCheck: Sendable {
    /// The format's name (`date-time`).
    let name: String
    /// "an RFC 3339 date-time": completes "expected ...".
    let expectation: String
    let rule: FormatRule

    init(name: String, expectation: String, rule: FormatRule) {
        self.name = name
        self.expectation = expectation
        self.rule = rule
    }

    /// Whether the value has the format (values of other types always do).
    func check(_ value: JSONValue) -> Bool { rule.holds(value) }

    /// What a failure says was expected: under `anyReading`, a format of several readings
    /// names them all, so a refusal says that none of them accepts the value.
    func expectation(_ formats: FormatReading) -> String {
        guard formats == .anyReading, let readings = rule.readings else { return expectation }
        return "\(expectation) by any reading (\(readings))"
    }

    /// The checks by format name, as the dialect reads it; an unknown format is accepted (only
    /// an annotation). So are `float` and `double`: they say how a number is held, and readings
    /// differ on whether `1e39` breaks `float` (parsers read it as infinity) or `1e400` `double`,
    /// so neither a request nor an answer is judged by them. draft-04 and OpenAPI 3.0 define `hostname` by RFC 1123, which predates
    /// IDNA: `--` anywhere inside a label is allowed there, and `xn--` labels are not decoded.
    static func named(_ name: String, dialect: ValidationDialect = .draft2020_12) -> FormatCheck? {
        let rule: (FormatRule, String)? =
            switch name {
            case "hostname" where dialect != .draft2020_12: (.hostnameRFC1123, "a hostname (RFC 1123)")
            case "date-time": (.dateTime, "an RFC 3339 date-time")
            case "date": (.date, "an RFC 3339 full-date (YYYY-MM-DD)")
            case "time": (.time, "an RFC 3339 full-time (HH:MM:SS with an offset)")
            case "duration": (.duration, "an RFC 3339 duration (e.g. P3DT4H)")
            case "email": (.email, "an email address")
            case "idn-email": (.idnEmail, "an internationalized email address (RFC 6531)")
            case "hostname": (.hostname, "a hostname (RFC 1123, IDNA2008 A-labels)")
            case "idn-hostname": (.idnHostname, "an internationalized hostname (IDNA2008)")
            case "ipv4": (.ipv4, "an IPv4 address")
            case "ipv6": (.ipv6, "an IPv6 address")
            case "uri": (.uri, "an absolute URI (RFC 3986)")
            case "uri-reference": (.uriReference, "a URI reference (RFC 3986)")
            case "uuid": (.uuid, "a UUID (8-4-4-4-12 hex digits)")
            case "regex": (.regex, "an ECMA-262 regular expression")
            case "json-pointer": (.jsonPointer, "a JSON pointer (RFC 6901)")
            case "relative-json-pointer": (.relativeJSONPointer, "a relative JSON pointer")
            case "byte": (.byte, "base64 text (RFC 4648)")
            case "int32": (.int32, "an integer within int32 (-2147483648 to 2147483647)")
            case "int64": (.int64, "an integer within int64")
            default: nil
            }
        return rule.map { FormatCheck(name: name, expectation: $0.1, rule: $0.0) }
    }
}

/// The formats this validator asserts, as plain values: a check is a switch, not a call
/// through a closure (which costs a reference count on every value checked).
enum FormatRule: Sendable {
    case dateTime, date, time, duration, email, idnEmail, hostname, hostnameRFC1123, idnHostname, ipv4, ipv6
    case uri, uriReference, uuid, regex, jsonPointer, relativeJSONPointer, byte
    case int32, int64

    /// Whether `value` passes the format as `formats` reads it; `always`: the schema's dialect
    /// asserts formats even where the caller only annotates (then by the strict reading).
    @inline(__always) func holds(_ value: JSONValue, formats: FormatReading, always: Bool) -> Bool {
        switch formats {
        case .annotation: !always || holds(value)
        case .strict: holds(value)
        case .anyReading: holds(value) || holdsUnderAnotherReading(value)
        }
    }

    /// The readings a value is judged by under `anyReading`, for the formats that have more
    /// than one; `nil` for the others.
    var readings: String? {
        switch self {
        case .email, .idnEmail: "WHATWG, RFC 5321, RFC 5322 or RFC 6531"
        case .hostname, .hostnameRFC1123, .idnHostname: "RFC 1123 or IDNA2008"
        default: nil
        }
    }

    /// Whether a reading other than the strict one accepts `value`. An address is read by
    /// WHATWG's grammar (dots anywhere before the `@`), RFC 5322's `addr-spec` (comments,
    /// folding white space, the obsolete forms) and RFC 6531 (UTF-8); a host name by RFC 1123,
    /// where `--` may stand in any label. Formats of one reading have no other.
    private func holdsUnderAnotherReading(_ value: JSONValue) -> Bool {
        guard case .string(let text) = value else { return false }
        switch self {
        case .email, .idnEmail:
            return NetworkFormats.isIDNEmail(text) || EmailGrammars.isWHATWG(text) || EmailGrammars.isAddrSpec(text)
        case .hostname, .idnHostname:
            return HostnameFormats.isRFC1123Hostname(text)
        default:
            return false
        }
    }

    /// Whether `value` has the format by the strict reading: string formats pass every other
    /// type, number formats every non-number.
    func holds(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): holds(text)
        case .number(let number): holds(number)
        default: true
        }
    }

    private func holds(_ text: String) -> Bool {
        switch self {
        case .dateTime: DateTimeFormats.isDateTime(text)
        case .date: DateTimeFormats.isDate(text)
        case .time: DateTimeFormats.isTime(text)
        case .duration: DateTimeFormats.isDuration(text)
        case .email: NetworkFormats.isEmail(text)
        case .idnEmail: NetworkFormats.isIDNEmail(text)
        case .hostname: HostnameFormats.isHostname(text)
        case .hostnameRFC1123: HostnameFormats.isRFC1123Hostname(text)
        case .idnHostname: HostnameFormats.isIDNHostname(text)
        case .ipv4: NetworkFormats.isIPv4(text)
        case .ipv6: NetworkFormats.isIPv6(text)
        case .uri: URIFormats.isURI(text, requireScheme: true)
        case .uriReference: URIFormats.isURI(text, requireScheme: false)
        case .uuid: TextFormats.isUUID(text)
        case .regex: TextFormats.isRegex(text)
        case .jsonPointer: TextFormats.isJSONPointer(text)
        case .relativeJSONPointer: TextFormats.isRelativeJSONPointer(text)
        case .byte: TextFormats.isBase64(text)
        case .int32, .int64: true
        }
    }

    private func holds(_ number: JSONNumber) -> Bool {
        switch self {
        case .int32: NumberFormats.isInteger(number, bits: 32)
        case .int64: NumberFormats.isInteger(number, bits: 64)
        default: true
        }
    }
}
