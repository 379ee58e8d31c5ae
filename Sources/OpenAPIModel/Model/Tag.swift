/// A tag that groups operations.
public struct Tag: Sendable {
    /// `name`: its name.
    public var name: String
    /// `summary`: a short text.
    public var summary: String?
    /// `description`: CommonMark text.
    public var description: String?
    /// `externalDocs`: more documentation elsewhere.
    public var externalDocs: ExternalDocumentation?
    /// OpenAPI 3.2: the tag this one nests under, and its kind (e.g. "nav").
    public var parent: String?
    /// OpenAPI 3.2: what kind of tag it is (`nav`, `badge`...).
    public var kind: String?
    /// The `x-` extensions, as written.
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> Tag? {
        guard var reader = ObjectReader(position, context, "a Tag object") else { return nil }
        return Tag(
            name: reader.string("name", required: true) ?? "",
            summary: reader.string("summary", since: .v3_2),
            description: reader.string("description"),
            externalDocs: reader.object("externalDocs", ExternalDocumentation.decode),
            parent: reader.string("parent", since: .v3_2),
            kind: reader.string("kind", since: .v3_2),
            extensions: reader.finish())
    }
}
