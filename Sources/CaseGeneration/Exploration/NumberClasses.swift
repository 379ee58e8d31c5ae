import SchemaValidation
import YAMLSource

/// Value classes of integers and numbers: inside the bounds, far beyond them and beyond the
/// ranges of common machine types, non-integers where integers belong, and other types.
enum NumberClasses {
    /// Values above every bound a schema could give, with what makes each one special.
    static let farAbove: [(literal: String, name: String)] = [
        ("2147483647", "int32 maximum"), ("2147483648", "int32 overflow"), ("4294967296", "uint32 overflow"),
        ("9007199254740993", "2^53 + 1, beyond a double's exact integers"), ("9223372036854775808", "int64 overflow"),
        ("1e308", "near a double's largest"), ("1e400", "beyond a double's range"),
    ]

    static let farBelow: [(literal: String, name: String)] = [
        ("-1", "negative"), ("-2147483648", "int32 minimum"), ("-2147483649", "below int32"),
        ("-9007199254740993", "-(2^53 + 1)"), ("-9223372036854775809", "below int64"), ("-1e308", "near a double's lowest"),
    ]

    static func probes(_ shape: SchemaShape, at member: JSONPointer, random: inout SeededGenerator) -> [Probe] {
        let integer = !shape.types.contains("number")
        let formatRange: ClosedRange<Double>? =
            switch shape.format {
            case "int32": -2_147_483_648...2_147_483_647
            case "int64": -9_223_372_036_854_775_808...9_223_372_036_854_775_808  // 2^63: Int64.max as a Double
            default: nil
            }
        let low = shape.minimum.map { $0.exclusive ? Bounds.step(above: $0.value, integer: integer).double : $0.value.double }
        let high = shape.maximum.map { $0.exclusive ? Bounds.step(below: $0.value, integer: integer).double : $0.value.double }
        // Valid values stay moderate where the schema sets no bound: a contract that says only
        // "integer" makes no promise about 2^53.
        let from = (low ?? high.map { $0 - 1000 } ?? 0).rounded(.up)
        let to = (high ?? from + 1000).rounded(.down)
        guard from <= to else { return [] }
        func inside() -> Double {
            var value = from + Double(random.next() % UInt64(min(to - from, 1e15) + 1))
            if let step = shape.multipleOf?.double, step > 0 { value = (value / step).rounded(.up) * step }
            return value
        }
        func number(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }
        func literal(_ text: String) -> JSONValue { .number(JSONNumber(literal: text) ?? JSONNumber(0)) }

        var probes: [Probe] = []
        let first = inside()
        let second = inside()
        probes.append(Probe(member, "inside the bounds", .valid, value: number(first), showValue: true))
        if second != first {
            probes.append(Probe(member, "inside the bounds", .valid, value: number(second), showValue: true))
        }
        if !integer, to - from >= 1 {
            let fraction = (min(first, to - 1)).rounded(.down) + 0.25
            probes.append(Probe(member, "a fraction inside the bounds", .valid, value: number(fraction), showValue: true))
        }
        if let range = formatRange, high == nil, range.upperBound <= 9_007_199_254_740_991 {
            probes.append(Probe(member, "\(shape.format ?? "") maximum", .valid, value: literal("2147483647"), showValue: true))
        }
        if let range = formatRange, low == nil, range.lowerBound >= -9_007_199_254_740_991 {
            probes.append(Probe(member, "\(shape.format ?? "") minimum", .valid, value: literal("-2147483648"), showValue: true))
        }
        if shape.format == "int64", high == nil {
            probes.append(
                Probe(
                    member, "largest integer a double holds exactly", .valid,
                    value: literal("9007199254740991"), showValue: true))
        }
        // Beyond a bound the schema sets (a maximum, a minimum, int32's or int64's range), each
        // must be refused, and is kept only when the validator confirms it invalid. On a side
        // the schema leaves open, readings differ: JSON Schema has no limit, but an integer
        // without a format is held in 32 bits by some generators (openapi-generator's Java and
        // C#) and in 64 by most frameworks, a number in a double, and draft-04 counts no number
        // with an exponent as an integer. Values every reading holds must be accepted; the
        // others must merely not break the server.
        func far(_ text: String, _ name: String, bounded: Bool) -> Probe {
            let value = literal(text)
            let held =
                integer
                ? !text.contains("e") && JSONNumber(literal: text).flatMap(\.int).map { Int32(exactly: $0) != nil } == true
                : JSONNumber(literal: text)?.double.isFinite == true
            return Probe(member, name, bounded ? .invalid : held ? .valid : .either, value: value, showValue: true)
        }
        let boundedAbove = shape.maximum != nil || formatRange != nil
        let boundedBelow = shape.minimum != nil || formatRange != nil
        probes += farAbove.map { far($0.literal, $0.name, bounded: boundedAbove) }
        probes += farBelow.map { far($0.literal, $0.name, bounded: boundedBelow) }
        if integer {
            let whole = Int64(min(first, to - 1))
            probes.append(Probe(member, "not a whole number", .invalid, value: literal("\(whole).5"), showValue: true))
            probes.append(Probe(member, "a small fraction above a whole number", .invalid, value: literal("\(Int64(from)).001"), showValue: true))
            probes.append(Probe(member, "not a whole number, with an exponent", .invalid, value: literal("\(whole)5e-1"), showValue: true))
        }
        let shown = integer ? String(Int64(first)) : JSONNumber(first).description
        probes.append(Probe(member, "a number as a string", .invalid, value: .string(shown), showValue: true))
        probes.append(Probe(member, "a boolean", .invalid, value: .bool(true), showValue: true))
        probes.append(Probe(member, "an array", .invalid, value: .array([number(first)]), showValue: true))
        probes.append(Probe(member, "an object", .invalid, value: .object(JSONObject([.init("value", number(first))])), showValue: true))
        if !shape.nullable { probes.append(Probe(member, "null", .invalid, value: .null)) }
        return probes
    }
}
