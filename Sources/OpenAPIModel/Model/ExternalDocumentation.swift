/// A link to documentation outside the document.
public struct ExternalDocumentation: Sendable {
    /// `url`: its address.
    public var url: String
    /// `description`: CommonMark text.
    public var description: String?
    /// The `x-` extensions, as written.
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> ExternalDocumentation? {
        guard var reader = ObjectReader(position, context, "an External Documentation object") else { return nil }
        return ExternalDocumentation(
            url: reader.string("url", required: true) ?? "",
            description: reader.string("description"),
            extensions: reader.finish())
    }
}
