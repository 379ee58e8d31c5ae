/// The document's `info`: title, version and who stands behind the API.
public struct Info: Sendable {
    /// `title`: the API's name.
    public var title: String
    /// `version`: the version of the API (not of OpenAPI).
    public var version: String
    /// `summary`: a short text.
    public var summary: String?
    /// `description`: CommonMark text.
    public var description: String?
    /// `termsOfService`: a URL.
    public var termsOfService: String?
    /// `contact`: who to ask.
    public var contact: Contact?
    /// `license`: the API's license.
    public var license: License?
    /// The `x-` extensions, as written.
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
    /// `name`: its name.
    public var name: String?
    /// `url`: its address.
    public var url: String?
    /// `email`: the contact's address.
    public var email: String?
    /// The `x-` extensions, as written.
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
    /// `name`: its name.
    public var name: String
    /// `identifier`: an SPDX license expression (3.1).
    public var identifier: String?
    /// `url`: its address.
    public var url: String?
    /// The `x-` extensions, as written.
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
