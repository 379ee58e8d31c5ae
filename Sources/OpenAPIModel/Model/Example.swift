import YAMLSource

/// A named example of a value.
public struct Example: Sendable, Referenceable {
    public var summary: String?
    public var description: String?
    /// The example value, raw.
    public var value: Node?
    public var externalValue: String?
    /// OpenAPI 3.2: the value before serialization, and its serialized text.
    public var dataValue: Node?
    public var serializedValue: String?
    public var extensions: Extensions
    public var location: Location
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

    mutating func overrideSummary(_ summary: String) { self.summary = summary }
    mutating func overrideDescription(_ description: String) { self.description = description }
}
