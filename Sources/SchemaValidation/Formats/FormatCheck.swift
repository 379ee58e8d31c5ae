/// A `format` that this validator asserts: what it checks and how a message names it. A
/// class: one reference to pass on each evaluation.
final class FormatCheck: Sendable {
    /// The format's name (`date-time`).
    let name: String
    /// "an RFC 3339 date-time": completes "expected ...".
    let expectation: String
    let check: @Sendable (JSONValue) -> Bool

    init(name: String, expectation: String, check: @escaping @Sendable (JSONValue) -> Bool) {
        self.name = name
        self.expectation = expectation
        self.check = check
    }

    /// The checks by format name; an unknown format is accepted (only an annotation).
    static func named(_ name: String) -> FormatCheck? {
        let rule: (expectation: String, check: @Sendable (JSONValue) -> Bool)? = switch name {
        case "date-time": string("an RFC 3339 date-time", DateTimeFormats.isDateTime)
        case "date": string("an RFC 3339 full-date (YYYY-MM-DD)", DateTimeFormats.isDate)
        case "time": string("an RFC 3339 full-time (HH:MM:SS with an offset)", DateTimeFormats.isTime)
        case "duration": string("an RFC 3339 duration (e.g. P3DT4H)", DateTimeFormats.isDuration)
        case "email": string("an email address", NetworkFormats.isEmail)
        case "idn-email": string("an internationalized email address (RFC 6531)", NetworkFormats.isIDNEmail)
        case "hostname": string("a hostname (RFC 1123, IDNA2008 A-labels)", HostnameFormats.isHostname)
        case "idn-hostname": string("an internationalized hostname (IDNA2008)", HostnameFormats.isIDNHostname)
        case "ipv4": string("an IPv4 address", NetworkFormats.isIPv4)
        case "ipv6": string("an IPv6 address", NetworkFormats.isIPv6)
        case "uri": string("an absolute URI (RFC 3986)") { URIFormats.isURI($0, requireScheme: true) }
        case "uri-reference": string("a URI reference (RFC 3986)") { URIFormats.isURI($0, requireScheme: false) }
        case "uuid": string("a UUID (8-4-4-4-12 hex digits)", TextFormats.isUUID)
        case "regex": string("an ECMA-262 regular expression", TextFormats.isRegex)
        case "json-pointer": string("a JSON pointer (RFC 6901)", TextFormats.isJSONPointer)
        case "relative-json-pointer": string("a relative JSON pointer", TextFormats.isRelativeJSONPointer)
        case "byte": string("base64 text (RFC 4648)", TextFormats.isBase64)
        case "int32": number("an integer within int32 (-2147483648 to 2147483647)") { NumberFormats.isInteger($0, bits: 32) }
        case "int64": number("an integer within int64", { NumberFormats.isInteger($0, bits: 64) })
        case "float": number("a number within float's range", NumberFormats.isFloat)
        case "double": number("a number within double's range", NumberFormats.isDouble)
        default: nil
        }
        return rule.map { FormatCheck(name: name, expectation: $0.expectation, check: $0.check) }
    }

    /// A format for strings: other types pass.
    private static func string(_ expectation: String, _ check: @escaping @Sendable (String) -> Bool)
        -> (expectation: String, check: @Sendable (JSONValue) -> Bool) {
        (expectation, { value in
            guard case .string(let text) = value else { return true }
            return check(text)
        })
    }

    /// A format for numbers: other types pass.
    private static func number(_ expectation: String, _ check: @escaping @Sendable (JSONNumber) -> Bool)
        -> (expectation: String, check: @Sendable (JSONValue) -> Bool) {
        (expectation, { value in
            guard case .number(let number) = value else { return true }
            return check(number)
        })
    }
}
