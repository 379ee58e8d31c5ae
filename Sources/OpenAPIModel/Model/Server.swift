import OrderedCollections

/// A server the API is served from; `{name}` placeholders in its URL are filled from
/// `variables`.
public struct Server: Sendable {
    /// `url`: its address.
    public var url: String
    /// `description`: CommonMark text.
    public var description: String?
    /// OpenAPI 3.2's short name for the server.
    public var name: String?
    /// `variables`: the values its URL's placeholders take.
    public var variables: OrderedDictionary<String, ServerVariable>
    /// `x-live-data`: whether the server holds live data (`true`: creating anything there has
    /// real effects) or takes test data (`false`, a sandbox); `nil` when the document does not say.
    public var liveData: Bool?
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location

    /// The URL with every variable replaced by its default.
    public var defaultURL: String {
        variables.reduce(url) { url, variable in
            url.replacingAll("{\(variable.key)}", with: variable.value.defaultValue)
        }
    }

    /// The extension that declares a server's data policy.
    public static let liveDataKey = "x-live-data"

    static func decode(_ position: Position, _ context: DecodingContext) -> Server? {
        guard var reader = ObjectReader(position, context, "a Server object") else { return nil }
        let server = Server(
            url: reader.string("url", required: true) ?? "",
            description: reader.string("description"),
            name: reader.string("name", since: .v3_2),
            variables: reader.map("variables") { _, position, context in ServerVariable.decode(position, context) } ?? [:],
            liveData: reader.bool(liveDataKey),
            extensions: reader.finish(),
            location: reader.location)
        for name in server.url.templateVariables where server.variables[name] == nil {
            context.error("the server URL uses '{\(name)}', but 'variables' does not define '\(name)'", at: position.location)
        }
        return server
    }
}

/// One placeholder of a server URL.
public struct ServerVariable: Sendable {
    /// `default`: the value used when none is given.
    public var defaultValue: String
    /// `enum`: the values allowed, when limited.
    public var allowedValues: [String]?
    /// `description`: CommonMark text.
    public var description: String?
    /// The `x-` extensions, as written.
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> ServerVariable? {
        guard var reader = ObjectReader(position, context, "a Server Variable object") else { return nil }
        let variable = ServerVariable(
            defaultValue: reader.string("default", required: true) ?? "",
            allowedValues: reader.strings("enum"),
            description: reader.string("description"),
            extensions: reader.finish())
        if let allowed = variable.allowedValues {
            if allowed.isEmpty {
                context.error("'enum' of a server variable must not be empty", at: position.location)
            } else if !allowed.contains(variable.defaultValue) {
                context.error("the default '\(variable.defaultValue)' is not one of the variable's 'enum' values", at: position.location)
            }
        }
        return variable
    }
}

extension String {
    /// The names inside `{...}` placeholders of a path template or server URL, in order.
    public var templateVariables: [String] {
        var names: [String] = []
        var current: String?
        for character in self {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return names
    }

    /// Every occurrence of `target` replaced (without Foundation).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
