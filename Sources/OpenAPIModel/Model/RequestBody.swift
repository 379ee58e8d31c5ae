import OrderedCollections

/// The body an operation accepts, per media type.
public struct RequestBody: Sendable, Referenceable {
    /// `description`: CommonMark text.
    public var description: String?
    /// `content`: the value by media type, instead of a schema.
    public var content: OrderedDictionary<String, MediaType>
    /// `required`: whether it must be given.
    public var required: Bool
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
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
