import SchemaValidation
import YAMLSource

/// Value classes of strings: free text (empty, long, accented, CJK, emoji, escapes), email
/// addresses of every common valid form and many invalid ones, date-times, dates and UUIDs,
/// near misses of enums, and other types in their place.
enum TextClasses {
    /// Free texts every reading of a plain `type: string` accepts, by class.
    static let texts: [(name: String, text: String, escaped: Bool)] = [
        ("empty", "", false),
        ("accented Latin letters", "Zoë Ångström Ñandú", false),
        ("CJK characters", "東京都渋谷区", false),
        ("emoji as surrogate-pair escapes", "Party 🎉😀", true),
        ("escaped control characters (tab, newline)", "tab\tnew\nline", false),
        ("quotes and backslashes", #"say "hi" \ bye"#, false),
        ("leading and trailing spaces", "  padded  ", false),
    ]

    static func probes(
        _ shape: SchemaShape, at member: JSONPointer, isIdentity: Bool, domain: String,
        random: inout SeededGenerator
    ) -> [Probe] {
        var probes: [Probe] = []
        if !shape.enumeration.isEmpty {
            probes += nearMisses(shape.enumeration, at: member)
        } else {
            switch shape.format {
            case "email": probes += EmailClasses.probes(at: member, domain: domain)
            case "date-time": probes += dateTimes(at: member)
            case "date": probes += dates(at: member)
            case "uuid": probes += uuids(at: member, random: &random)
            case nil: probes += freeTexts(shape, at: member, isIdentity: isIdentity)
            default: break  // other formats: the fixed cases send their common form and one break
            }
        }
        let sample = JSONValue.string(isIdentity ? "ct-name" : "text")
        probes.append(Probe(member, "a number", .invalid, value: .number(JSONNumber(12345)), showValue: true))
        probes.append(Probe(member, "a boolean", .invalid, value: .bool(true), showValue: true))
        probes.append(Probe(member, "an array", .invalid, value: .array([sample]), showValue: true))
        probes.append(Probe(member, "an object", .invalid, value: .object(JSONObject([.init("text", sample)])), showValue: true))
        if !shape.nullable { probes.append(Probe(member, "null", .invalid, value: .null)) }
        return probes
    }

    /// Texts of every class, fitted to the length bounds; a name keeps the fresh name in front so
    /// it stays new. Under a `pattern`, whose readings differ outside ASCII, non-ASCII texts only
    /// must not break the server.
    private static func freeTexts(_ shape: SchemaShape, at member: JSONPointer, isIdentity: Bool) -> [Probe] {
        var probes: [Probe] = []
        func fitted(_ text: String) -> String {
            var scalars = Array(text.unicodeScalars)
            if let maximum = shape.maxLength, scalars.count > maximum { scalars = Array(scalars.prefix(maximum)) }
            if let minimum = shape.minLength, scalars.count < minimum { scalars += Array(repeating: "x", count: minimum - scalars.count) }
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars)
            return String(result)
        }
        for (name, text, escaped) in texts where !(isIdentity && text.isEmpty) {
            let ascii = text.unicodeScalars.allSatisfy(\.isASCII)
            let validity: CaseFocus.Validity = shape.pattern != nil && !ascii ? .either : .valid
            probes.append(
                Probe(member, name, validity, escaped: escaped) { token in
                    .string(fitted(isIdentity ? (text.isEmpty ? token : "\(token) \(text)") : text))
                })
        }
        if shape.maxLength == nil, shape.pattern == nil {
            probes.append(
                Probe(member, "long text (1000 characters)", .valid) { token in
                    let prefix = isIdentity ? token + " " : ""
                    return .string(prefix + String(repeating: "long text ", count: 100).prefix(1000 - prefix.count))
                })
        }
        if let maximum = shape.maxLength, maximum < 100_000 {
            probes.append(
                Probe(member, "far above maxLength \(maximum) (\(maximum + 1000) characters)", .invalid) { token in
                    .string((isIdentity ? token : "") + String(repeating: "x", count: maximum + 1000))
                })
        }
        return probes
    }

    /// Enum values changed slightly: another case, a trailing space.
    private static func nearMisses(_ values: [JSONValue], at member: JSONPointer) -> [Probe] {
        guard case .string(let value)? = values.first(where: { $0.stringValue != nil }) else { return [] }
        var probes: [Probe] = []
        let flipped = String(value.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) })
        if flipped != value, !values.contains(.string(flipped)) {
            probes.append(Probe(member, "an enum value in another case", .invalid, value: .string(flipped), showValue: true))
        }
        probes.append(Probe(member, "an enum value with a trailing space", .invalid, value: .string(value + " "), showValue: true))
        return probes
    }

    /// RFC 3339 date-times in the forms every reading accepts (the stricter profiles too:
    /// upper-case `T` and `Z`, no leap second, at most milliseconds), forms RFC 3339 allows and
    /// a stricter profile refuses, and texts no reading accepts.
    private static func dateTimes(at member: JSONPointer) -> [Probe] {
        let valid = [
            ("UTC", "2024-09-15T12:40:24Z"), ("milliseconds", "2024-09-15T12:40:24.256Z"),
            ("a positive offset", "2024-09-15T18:10:24+05:30"), ("a negative offset", "2024-09-15T04:40:24-08:00"),
            ("midnight on a leap day", "2024-02-29T00:00:00Z"),
        ]
        let disputed = [
            ("nanoseconds (RFC 3339 allows any fraction; millisecond profiles do not)", "2024-09-15T12:40:24.256521003Z"),
            ("lower-case t and z (RFC 3339 allows them; upper-case profiles do not)", "2024-09-15t12:40:24z"),
            ("a leap second (RFC 3339 allows 23:59:60 UTC; most profiles do not)", "2016-12-31T23:59:60Z"),
        ]
        let invalid = [
            ("no offset", "2024-09-15T12:40:24"), ("month 13", "2024-13-15T12:40:24Z"), ("February 30", "2023-02-30T12:40:24Z"),
            ("hour 25", "2024-09-15T25:40:24Z"), ("a date only", "2024-09-15"), ("seconds since 1970 as text", "1726404024"),
        ]
        return valid.map { Probe(member, "a date-time with \($0.0)", .valid, value: .string($0.1), showValue: true) }
            + disputed.map { Probe(member, "a date-time with \($0.0)", .either, value: .string($0.1), showValue: true) }
            + invalid.map { Probe(member, "a date-time with \($0.0)", .invalid, value: .string($0.1), showValue: true) }
    }

    private static func dates(at member: JSONPointer) -> [Probe] {
        [
            Probe(member, "a leap day", .valid, value: .string("2024-02-29"), showValue: true),
            Probe(member, "the first day of a century", .valid, value: .string("2000-01-01"), showValue: true),
            Probe(member, "February 29 of a common year", .invalid, value: .string("2023-02-29"), showValue: true),
            Probe(member, "month 13", .invalid, value: .string("2024-13-01"), showValue: true),
            Probe(member, "day first, slashes", .invalid, value: .string("15/09/2024"), showValue: true),
            Probe(member, "no leading zeros", .invalid, value: .string("2024-9-5"), showValue: true),
        ]
    }

    private static func uuids(at member: JSONPointer, random: inout SeededGenerator) -> [Probe] {
        let uuid = random.uuid()
        return [
            Probe(member, "a random UUID", .valid, value: .string(uuid)),
            Probe(member, "a UUID in capitals", .valid, value: .string(uuid.uppercased())),
            Probe(member, "a UUID one digit short", .invalid, value: .string(String(uuid.dropLast()))),
            Probe(member, "a UUID with a letter beyond f", .invalid, value: .string("g" + uuid.dropFirst())),
        ]
    }
}
