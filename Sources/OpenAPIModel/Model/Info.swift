/// The document's `info`: title, version and who stands behind the API.
public struct Info: Sendable {
    public var title: String
    public var version: String
    public var summary: String?
    public var description: String?
    public var termsOfService: String?
    public var contact: Contact?
    public var license: License?
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> Info? {
        guard var reader = ObjectReader(position, context, "an Info object") else { return nil }
        let title = reader.string("title", required: true)
        let version = reader.string("version", required: true)
        let info = Info(
            title: title ?? "",
            version: version ?? "",
            summary: reader.string("summary", since: .v3_1),
            description: reader.string("description"),
            termsOfService: reader.string("termsOfService"),
            contact: reader.object("contact", Contact.decode),
            license: reader.object("license", License.decode),
            extensions: reader.finish()
        )
        return info
    }
}

/// Who to contact about the API.
public struct Contact: Sendable {
    public var name: String?
    public var url: String?
    public var email: String?
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> Contact? {
        guard var reader = ObjectReader(position, context, "a Contact object") else { return nil }
        return Contact(
            name: reader.string("name"), url: reader.string("url"), email: reader.string("email"),
            extensions: reader.finish())
    }
}

/// The API's licence.
public struct License: Sendable {
    public var name: String
    public var identifier: String?
    public var url: String?
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> License? {
        guard var reader = ObjectReader(position, context, "a License object") else { return nil }
        return License(
            name: reader.string("name", required: true) ?? "",
            identifier: reader.string("identifier", since: .v3_1),
            url: reader.string("url"),
            extensions: reader.finish())
    }
}
