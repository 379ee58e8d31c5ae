import OrderedCollections
import YAMLSource

/// A header of a response (or of a multipart encoding).
public struct Header: Sendable, Referenceable {
    public var description: String?
    public var required: Bool
    public var deprecated: Bool
    public var style: String?
    public var explode: Bool?
    public var schema: Schema?
    public var content: OrderedDictionary<String, MediaType>?
    public var example: Node?
    public var examples: OrderedDictionary<String, Example>
    public var extensions: Extensions
    public var location: Location
    public var reference: Reference?

    static let typeName = "a Header object"

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        description = reader.string("description")
        required = reader.bool("required") ?? false
        deprecated = reader.bool("deprecated") ?? false
        style = reader.string("style")
        explode = reader.bool("explode")
        schema = reader.object("schema", Schema.decode)
        content = reader.map("content") { _, position, context in MediaType.decode(position, context) }
        example = reader.raw("example")
        examples = reader.map("examples") { _, position, context in context.decodeReferenceable(position) as Example? } ?? [:]
        extensions = reader.finish()
        location = position.location
        let name = position.lastToken ?? ""
        SerializedValueRules.check(schema: schema, content: content, owner: "header '\(name)'", at: position, context)
    }

    mutating func overrideDescription(_ description: String) { self.description = description }
}
