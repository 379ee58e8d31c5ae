import YAMLSource

/// A named example of a value.
public struct Example: Sendable, Referenceable {
    /// `summary`: a short text.
    public var summary: String?
    /// `description`: CommonMark text.
    public var description: String?
    /// The example value, raw.
    public var value: Node?
    /// `externalValue`: where the example lives instead.
    public var externalValue: String?
    /// OpenAPI 3.2: the value before serialization, and its serialized text.
    public var dataValue: Node?
    /// `serializedValue`: the example as sent (3.2).
    public var serializedValue: String?
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
    public var reference: Reference?

    static let typeName = "an Example object"

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        summary = reader.string("summary")
        description = reader.string("description")
        value = reader.raw("value")
        externalValue = reader.string("externalValue")
        dataValue = reader.field("dataValue", since: .v3_2)?.node
        serializedValue = reader.string("serializedValue", since: .v3_2)
        extensions = reader.finish()
        location = position.location
        if value != nil, externalValue != nil {
            context.error("an example has both 'value' and 'externalValue': expected only one of them", at: position.location)
        }
    }

    /// Every example an object gives, its single `example` first (named "example"), then its
    /// `examples` by name (those with a value).
    static func listed(_ example: Node?, _ examples: some Sequence<(key: String, value: Example)>) -> [(name: String, value: Node)] {
        var result: [(String, Node)] = []
        if let example { result.append(("example", example)) }
        for (name, entry) in examples {
            if let value = entry.value ?? entry.dataValue { result.append((name, value)) }
        }
        return result
    }

    mutating func overrideSummary(_ summary: String) { self.summary = summary }
    mutating func overrideDescription(_ description: String) { self.description = description }
}
