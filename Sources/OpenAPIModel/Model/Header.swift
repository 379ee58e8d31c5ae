import OrderedCollections
import YAMLSource

/// A header of a response (or of a multipart encoding).
public struct Header: Sendable, Referenceable {
    /// `description`: CommonMark text.
    public var description: String?
    /// `required`: whether it must be given.
    public var required: Bool
    /// `deprecated`: whether users should stop using it.
    public var deprecated: Bool
    /// `style`: how the value is serialized (`form`, `simple`...); `nil` when not written.
    public var style: String?
    /// `explode`: whether arrays and objects become one pair per item; `nil` when not written.
    public var explode: Bool?
    /// `schema`: the value's schema, raw.
    public var schema: Schema?
    /// `content`: the value by media type, instead of a schema.
    public var content: OrderedDictionary<String, MediaType>?
    /// `example`: one example value, raw.
    public var example: Node?
    /// `examples`: named examples.
    public var examples: OrderedDictionary<String, Example>
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
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
