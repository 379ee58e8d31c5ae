import OrderedCollections
import YAMLSource

/// One documented response: its description, headers, bodies per media type and links.
public struct Response: Sendable, Referenceable {
    /// `summary`: a short text.
    public var summary: String?
    /// `description`: CommonMark text.
    public var description: String?
    /// `headers`: documented headers by name.
    public var headers: OrderedDictionary<String, Header>
    /// `content`: the value by media type, instead of a schema.
    public var content: OrderedDictionary<String, MediaType>
    /// `links`: links to other operations, by name.
    public var links: OrderedDictionary<String, Link>
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
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
    /// The responses by key (`200`, `4XX`, `default`), in the document's order.
    public var byStatus: OrderedDictionary<String, Response>
    /// The `x-` extensions, as written.
    public var extensions: Extensions

    /// The response documented for a status: the exact code, else its range, else `default`.
    public func response(for status: Int) -> Response? {
        documentingKey(for: status).flatMap { byStatus[$0] }
    }

    /// The key that documents a status (see `documentingKey(for:where:)`).
    public func documentingKey(for status: Int) -> String? {
        Self.documentingKey(for: status) { byStatus[$0] != nil }
    }

    /// The one answer to "which response documents status N", for the model and for every
    /// stage that holds only the keys (the mock's compiled responses, a stored run's list):
    /// the exact code, else its class (`4XX`), else `default`.
    ///
    /// Only the upper-case `X` names a class: OpenAPI allows "the uppercase wildcard character
    /// X" and nothing else, and the loader refuses `4xx` with its position, so no stage ever
    /// holds a lower-case key to match.
    public static func documentingKey(for status: Int, where isDocumented: (String) -> Bool) -> String? {
        [String(status), "\(status / 100)XX", "default"].first(where: isDocumented)
    }

    /// Whether a key documents several statuses (a class such as `4XX`, or `default`), so an
    /// answer under it carries the status it was asked for rather than the key's own.
    public static func isShared(_ key: String) -> Bool {
        Int(key) == nil
    }

    /// The status a key stands for when one must be chosen: its code, the lowest of a class
    /// (`200` for `2XX`), `500` for `default`.
    public static func representativeStatus(of key: String) -> Int {
        if let code = Int(key) { return code }
        if let first = key.first?.wholeNumberValue { return first * 100 }
        return 500
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
                if isStatusKey(key.uppercased()) {
                    context.error(
                        "'\(key)' is not a response status: OpenAPI names a class of statuses with an upper-case X only; write '\(key.uppercased())'",
                        at: position.child(key, entry.key))
                    continue
                }
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

    /// Whether `key` names statuses: a code from 100 to 599, a class such as `2XX`, or `default`.
    public static func isStatusKey(_ key: String) -> Bool {
        if key == "default" { return true }
        let characters = Array(key)
        guard characters.count == 3, let first = characters[0].wholeNumberValue, (1...5).contains(first) else { return false }
        if characters[1] == "X" && characters[2] == "X" { return true }
        return characters[1].isASCII && characters[1].isNumber && characters[2].isASCII && characters[2].isNumber
    }
}
