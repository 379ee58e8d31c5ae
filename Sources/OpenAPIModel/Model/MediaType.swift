import OrderedCollections
import YAMLSource

/// The schema and examples of one media type (`application/json`, ...) of a body.
public struct MediaType: Sendable, Referenceable {
    /// `schema`: the value's schema, raw.
    public var schema: Schema?
    /// OpenAPI 3.2: the schema of each item of a streamed sequence.
    public var itemSchema: Schema?
    /// `example`: one example value, raw.
    public var example: Node?
    /// `examples`: named examples.
    public var examples: OrderedDictionary<String, Example>
    /// `encoding`: how each member of a form body is sent.
    public var encoding: OrderedDictionary<String, Encoding>
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
    public var reference: Reference?

    static let typeName = "a Media Type object"

    /// Every example, the single `example` first (named "example"), then `examples` by name.
    public var allExamples: [(name: String, value: Node)] { Example.listed(example, examples) }

    static func decode(_ position: Position, _ context: DecodingContext) -> MediaType? {
        context.decodeReferenceable(position)
    }

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        schema = reader.object("schema", Schema.decode)
        itemSchema = reader.object("itemSchema", since: .v3_2, Schema.decode)
        example = reader.raw("example")
        examples = reader.map("examples") { _, position, context in context.decodeReferenceable(position) as Example? } ?? [:]
        encoding = reader.map("encoding") { _, position, context in Encoding.decode(position, context) } ?? [:]
        _ = reader.field("prefixEncoding", since: .v3_2)
        _ = reader.field("itemEncoding", since: .v3_2)
        extensions = reader.finish()
        location = position.location
        if example != nil, !examples.isEmpty {
            context.error("a media type has both 'example' and 'examples': expected only one of them", at: position.location)
        }
    }
}

/// How one property of a multipart or form body is encoded.
public struct Encoding: Sendable {
    /// `contentType`: the media type of this member.
    public var contentType: String?
    /// `headers`: documented headers by name.
    public var headers: OrderedDictionary<String, Header>
    /// `style`: how the value is serialized (`form`, `simple`...); `nil` when not written.
    public var style: String?
    /// `explode`: whether arrays and objects become one pair per item; `nil` when not written.
    public var explode: Bool?
    /// `allowReserved`: whether reserved characters go unencoded.
    public var allowReserved: Bool
    /// The `x-` extensions, as written.
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> Encoding? {
        guard var reader = ObjectReader(position, context, "an Encoding object") else { return nil }
        return Encoding(
            contentType: reader.string("contentType"),
            headers: reader.map("headers") { _, position, context in context.decodeReferenceable(position) as Header? } ?? [:],
            style: reader.string("style"),
            explode: reader.bool("explode"),
            allowReserved: reader.bool("allowReserved") ?? false,
            extensions: reader.finish())
    }
}
