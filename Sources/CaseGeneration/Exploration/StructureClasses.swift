import SchemaValidation
import YAMLSource

/// Value classes of arrays (at and beyond their item bounds, items of the wrong type,
/// duplicates) and of nested objects (required members missing, only the required ones).
enum StructureClasses {
    static func arrays(_ shape: SchemaShape, at member: JSONPointer, random: inout SeededGenerator) -> [Probe] {
        guard let items = shape.items else { return [] }
        var synthesizer = ValueSynthesizer(seed: random.next())
        guard let item = synthesizer.value(for: items, direction: .request) else { return [] }
        func list(_ count: Int) -> JSONValue { .array(Array(repeating: item, count: count)) }
        func distinct(_ count: Int) -> JSONValue {
            // Unique items where they must be: numbers counted up, texts numbered.
            .array(
                (0..<count).map { index in
                    switch item {
                    case .number(let number): .number(JSONNumber(number.double + Double(index)))
                    case .string(let text): .string(index == 0 ? text : "\(text)\(index)")
                    default: item
                    }
                })
        }
        let make = shape.uniqueItems ? distinct : list
        var probes: [Probe] = []
        let minimum = shape.minItems ?? 0
        if minimum == 0 { probes.append(Probe(member, "no items", .valid, value: .array([]))) }
        probes.append(Probe(member, "one item", .valid, value: make(max(minimum, 1))))
        let many = min(shape.maxItems ?? 10, 10)
        if many > max(minimum, 1) { probes.append(Probe(member, "\(many) items", .valid, value: make(many))) }
        if let maximum = shape.maxItems, maximum < 1000 {
            probes.append(Probe(member, "maxItems \(maximum) + 1 items", .invalid, value: make(maximum + 1)))
        }
        if minimum > 0 {
            probes.append(Probe(member, "minItems \(minimum) - 1 items", .invalid, value: make(minimum - 1)))
        }
        if shape.uniqueItems, minimum <= 2 {
            probes.append(Probe(member, "the same item twice (uniqueItems)", .invalid, value: list(2)))
        }
        let wrong: JSONValue = item.stringValue != nil ? .number(JSONNumber(12345)) : .string("text")
        probes.append(Probe(member, "an item of the wrong type", .invalid, value: .array([wrong]), showValue: true))
        probes.append(Probe(member, "one item, not in an array", .invalid, value: item))
        return probes
    }

    /// A nested object's required members missing, one at a time; only its required ones.
    static func objects(_ shape: SchemaShape, at member: JSONPointer) -> [Probe] {
        var probes = shape.required.filter { shape.property($0) != nil }.map { name in
            Probe(member.appending(name), "a required nested member missing", .invalid) { _ in nil }
        }
        probes.append(Probe(member, "a string for an object", .invalid, value: .string("text"), showValue: true))
        probes.append(Probe(member, "an array for an object", .invalid, value: .array([]), showValue: true))
        return probes
    }
}
