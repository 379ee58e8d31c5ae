import OrderedCollections

/// One documented response: its description, headers, bodies per media type and links.
public struct Response: Sendable, Referenceable {
    public var summary: String?
    public var description: String?
    public var headers: OrderedDictionary<String, Header>
    public var content: OrderedDictionary<String, MediaType>
    public var links: OrderedDictionary<String, Link>
    public var extensions: Extensions
    public var location: Location
    public var reference: Reference?

    static let typeName = "a Response object"

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        summary = reader.string("summary", since: .v3_2)
        // Required until 3.2 made it optional.
        description = reader.string("description", required: !context.version.isAtLeast(.v3_2))
        headers = reader.map("headers") { _, position, context in context.decodeReferenceable(position) as Header? } ?? [:]
        content = reader.map("content") { _, position, context in MediaType.decode(position, context) } ?? [:]
        links = reader.map("links") { _, position, context in context.decodeReferenceable(position) as Link? } ?? [:]
        extensions = reader.finish()
        location = position.location
    }

    mutating func overrideSummary(_ summary: String) { self.summary = summary }
    mutating func overrideDescription(_ description: String) { self.description = description }
}

/// An operation's responses by status: `"200"`, a range such as `"2XX"`, or `"default"`.
public struct Responses: Sendable {
    public var byStatus: OrderedDictionary<String, Response>
    public var extensions: Extensions

    /// The response documented for a status: the exact code, else its range, else `default`.
    public func response(for status: Int) -> Response? {
        byStatus[String(status)] ?? byStatus["\(status / 100)XX"] ?? byStatus["default"]
    }

    /// The key that documents a status, by the same precedence as `response(for:)`.
    public func documentingKey(for status: Int) -> String? {
        [String(status), "\(status / 100)XX", "default"].first { byStatus[$0] != nil }
    }

    static func decode(_ position: Position, _ context: DecodingContext) -> Responses? {
        guard let entries = position.node.mapping else {
            context.error("expected a Responses object (a mapping), found \(position.node.kindDescription)", at: position)
            return nil
        }
        var byStatus: OrderedDictionary<String, Response> = [:]
        var extensions: Extensions = [:]
        for entry in entries {
            guard let key = entry.key.scalar?.text else { continue }
            let child = position.child(entry, named: key)
            if key.hasPrefix("x-") {
                extensions[key] = entry.value
                continue
            }
            guard isStatusKey(key) else {
                context.error(
                    "'\(key)' is not a response status: expected a code from 100 to 599, a range such as '2XX', or 'default'",
                    at: position.child(key, entry.key))
                continue
            }
            if let response: Response = context.decodeReferenceable(child) {
                byStatus[key] = response
            }
        }
        if !entries.contains(where: { $0.key.scalar?.text.hasPrefix("x-") == false }), !context.version.isAtLeast(.v3_1) {
            context.error("'responses' must document at least one response", at: position.location)
        }
        return Responses(byStatus: byStatus, extensions: extensions)
    }

    public static func isStatusKey(_ key: String) -> Bool {
        if key == "default" { return true }
        let characters = Array(key)
        guard characters.count == 3, let first = characters[0].wholeNumberValue, (1...5).contains(first) else { return false }
        if characters[1] == "X" && characters[2] == "X" { return true }
        return characters[1].isASCII && characters[1].isNumber && characters[2].isASCII && characters[2].isNumber
    }
}
