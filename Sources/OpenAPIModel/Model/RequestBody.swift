import OrderedCollections

/// The body an operation accepts, per media type.
public struct RequestBody: Sendable, Referenceable {
    public var description: String?
    public var content: OrderedDictionary<String, MediaType>
    public var required: Bool
    public var extensions: Extensions
    public var location: Location
    public var reference: Reference?

    static let typeName = "a Request Body object"

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        description = reader.string("description")
        content = reader.map("content", required: true) { _, position, context in MediaType.decode(position, context) } ?? [:]
        required = reader.bool("required") ?? false
        extensions = reader.finish()
        location = position.location
    }

    mutating func overrideDescription(_ description: String) { self.description = description }
}
