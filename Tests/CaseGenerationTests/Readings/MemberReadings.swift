import SchemaValidation

/// The member schemas of the claim tests, and how every reading judges a value of each,
/// independently of the validator: types (integers by either dialect's definition), bounds,
/// lengths, enums, items, required members and formats (by `EmailReading`, `DateTimeReading`,
/// RFC 3339 `full-date`, RFC 9562 UUIDs).
indirect enum MemberKind: Sendable {
    case email, dateTime, date, uuid
    case integer(minimum: Int?, maximum: Int?, format: String?)
    case number(minimum: Double?, maximum: Double?)
    case string(maxLength: Int?)
    case enumeration([String])
    case boolean
    case array(items: MemberKind, maxItems: Int, unique: Bool)
    case object(required: [String], properties: [(String, MemberKind)])

    /// The schema as a YAML flow mapping.
    var yaml: String {
        switch self {
        case .email: "{type: string, format: email}"
        case .dateTime: "{type: string, format: date-time}"
        case .date: "{type: string, format: date}"
        case .uuid: "{type: string, format: uuid}"
        case .integer(let minimum, let maximum, let format):
            "{type: integer" + (minimum.map { ", minimum: \($0)" } ?? "") + (maximum.map { ", maximum: \($0)" } ?? "")
                + (format.map { ", format: \($0)" } ?? "") + "}"
        case .number(let minimum, let maximum):
            "{type: number" + (minimum.map { ", minimum: \($0)" } ?? "") + (maximum.map { ", maximum: \($0)" } ?? "") + "}"
        case .string(let maxLength): "{type: string" + (maxLength.map { ", maxLength: \($0)" } ?? "") + "}"
        case .enumeration(let values): "{type: string, enum: [\(values.joined(separator: ", "))]}"
        case .boolean: "{type: boolean}"
        case .array(let items, let maxItems, let unique): "{type: array, items: \(items.yaml), maxItems: \(maxItems), uniqueItems: \(unique)}"
        case .object(let required, let properties):
            "{type: object, required: [\(required.joined(separator: ", "))], properties: {"
                + properties.map { "\($0.0): \($0.1.yaml)" }.joined(separator: ", ") + "}}"
        }
    }

    /// The readings a value of this kind can be judged by; each yields a verdict.
    var readings: [String] {
        switch self {
        case .email: EmailReading.allCases.map(\.rawValue)
        case .dateTime: DateTimeReading.allCases.map(\.rawValue)
        case .integer: IntegerReading.allCases.map(\.rawValue)
        case .number: NumberReading.allCases.map(\.rawValue)
        case .array(let items, _, _): items.readings
        case .object(_, let properties): properties.flatMap(\.1.readings).uniqued()
        default: ["JSON Schema"]
        }
    }

    /// Whether `value` is valid under `reading` (a reading that does not apply to this kind
    /// is the kind's only one).
    func accepts(_ value: JSONValue, reading: String) -> Bool {
        switch (self, value) {
        case (.email, .string(let text)):
            // A reading of another kind (a whole body's): every email reading at once.
            return EmailReading(rawValue: reading).map { $0.accepts(text) } ?? EmailReading.ascii.allSatisfy { $0.accepts(text) }
        case (.dateTime, .string(let text)):
            return DateTimeReading(rawValue: reading).map { $0.accepts(text) } ?? DateTimeReading.allCases.allSatisfy { $0.accepts(text) }
        case (.date, .string(let text)): return DateTimeReading.acceptsDate(text)
        case (.uuid, .string(let text)): return UUIDReading.accepts(text)
        case (.integer(let minimum, let maximum, let format), .number):
            // A reading of another kind (a whole body's): the strictest integer reading.
            let integerReading = IntegerReading(rawValue: reading) ?? .heldIn32Bits
            guard let literal = NumberLiteral(value.jsonText), integerReading.accepts(literal) else { return false }
            if let minimum, literal.compare(to: minimum) < 0 { return false }
            if let maximum, literal.compare(to: maximum) > 0 { return false }
            let range: ClosedRange<Int>? =
                switch format ?? integerReading.defaultFormat {
                case "int32": Int(Int32.min)...Int(Int32.max)
                case "int64": Int.min...Int.max
                default: nil
                }
            return range.map { literal.compare(to: $0.lowerBound) >= 0 && literal.compare(to: $0.upperBound) <= 0 } ?? true
        case (.number(let minimum, let maximum), .number(let number)):
            if NumberReading(rawValue: reading) ?? .double == .double, !number.double.isFinite { return false }
            return minimum.map { number.double >= $0 } ?? true && maximum.map { number.double <= $0 } ?? true
        case (.string(let maxLength), .string(let text)): return maxLength.map { text.unicodeScalars.count <= $0 } ?? true
        case (.enumeration(let values), .string(let text)): return values.contains(text)
        case (.boolean, .bool): return true
        case (.array(let items, let maxItems, let unique), .array(let values)):
            guard values.count <= maxItems, values.allSatisfy({ items.accepts($0, reading: reading) }) else { return false }
            return !unique || Set(values.map(\.jsonText)).count == values.count
        case (.object(let required, let properties), .object(let object)):
            let members = Dictionary(object.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            guard required.allSatisfy({ members[$0] != nil }) else { return false }
            return properties.allSatisfy { name, kind in members[name].map { kind.accepts($0, reading: reading) } ?? true }
        default:
            return false
        }
    }
}

/// What `type: integer` means: draft-04, the base of OpenAPI 3.0's dialect, says "a JSON number
/// without a fraction or exponent part"; 2020-12 says any number whose fractional part is zero.
/// Without a `format`, JSON Schema sets no range, but servers hold such an integer in 32 bits
/// (openapi-generator's Java and C# code) or in 64 (most frameworks).
enum IntegerReading: String, CaseIterable {
    case draft4 = "integer by draft-04 (no fraction, no exponent)"
    case draft2020 = "integer by 2020-12 (a zero fractional part)"
    case heldIn32Bits = "an integer without a format held in 32 bits"
    case heldIn64Bits = "an integer without a format held in 64 bits"

    func accepts(_ literal: NumberLiteral) -> Bool {
        switch self {
        case .draft4, .heldIn32Bits, .heldIn64Bits: !literal.hasFraction && !literal.hasExponent
        case .draft2020: literal.integerDigits != nil
        }
    }

    /// The range a format-less integer has under this reading.
    var defaultFormat: String? {
        switch self {
        case .heldIn32Bits: "int32"
        case .heldIn64Bits: "int64"
        case .draft4, .draft2020: nil
        }
    }
}

/// What `type: number` holds: any number (JSON Schema), or a double (IEEE 754 binary64, which
/// has no 1e400).
enum NumberReading: String, CaseIterable {
    case exact = "a number of any size"
    case double = "a number held in a double"
}

/// A JSON number literal read digit by digit: its sign, digits and exponent, and the whole
/// number it is, exactly, when it is one.
struct NumberLiteral {
    var negative: Bool
    var hasFraction: Bool
    var hasExponent: Bool
    /// The decimal digits of the value when it is a whole number (no leading zeros; "0" for 0).
    var integerDigits: String?
    /// The nearest double, for numbers that are not whole.
    var double: Double

    init?(_ text: String) {
        guard let double = Double(text) else { return nil }
        self.double = double
        var rest = Substring(text)
        negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        let mantissaEnd = rest.firstIndex { $0 == "e" || $0 == "E" } ?? rest.endIndex
        let mantissa = rest[..<mantissaEnd]
        hasExponent = mantissaEnd != rest.endIndex
        guard let exponent = hasExponent ? Int(rest[rest.index(after: mantissaEnd)...]) : 0 else { return nil }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        hasFraction = parts.count == 2
        var digits = String(parts[0]) + (parts.count == 2 ? String(parts[1]) : "")
        // The decimal point sits after `point` digits of `digits`.
        let point = parts[0].count + exponent
        guard abs(exponent) < 10_000 else { return nil }
        while digits.count < point { digits += "0" }
        let whole = point <= 0 ? "" : String(digits.prefix(point))
        let fraction = point <= 0 ? digits : String(digits.dropFirst(point))
        if fraction.allSatisfy({ $0 == "0" }) {
            let trimmed = String(whole.drop { $0 == "0" })
            integerDigits = trimmed.isEmpty ? "0" : trimmed
        } else {
            integerDigits = nil
        }
    }

    /// The sign of (self - bound), exactly for whole numbers.
    func compare(to bound: Int) -> Int {
        let boundNegative = bound < 0
        let boundDigits = String(bound.magnitude)
        guard let digits = integerDigits else { return double < Double(bound) ? -1 : double > Double(bound) ? 1 : 0 }
        if digits == "0", boundDigits == "0" { return 0 }
        let selfNegative = negative && digits != "0"
        if selfNegative != boundNegative { return selfNegative ? -1 : 1 }
        let magnitude =
            digits.count != boundDigits.count
            ? (digits.count < boundDigits.count ? -1 : 1)
            : digits == boundDigits ? 0 : (digits < boundDigits ? -1 : 1)
        return selfNegative ? -magnitude : magnitude
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
