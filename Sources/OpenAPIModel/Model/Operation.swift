import OrderedCollections

/// One API operation: a method on a path, its inputs, and its documented responses.
///
/// Read-only once decoded, and kept in one shared box: every `OperationEntry` (and every copy
/// the pipeline makes) costs one reference, not one per member.
public struct Operation: Sendable {
    private final class Storage: Sendable {
        let operationId: String?
        let summary: String?
        let description: String?
        let tags: [String]
        let externalDocs: ExternalDocumentation?
        let parameters: [Parameter]
        let requestBody: RequestBody?
        let responses: Responses
        let callbacks: OrderedDictionary<String, Callback>
        let deprecated: Bool
        let security: [SecurityRequirement]?
        let servers: [Server]?
        let extensions: Extensions
        let location: Location

        init(
            operationId: String?, summary: String?, description: String?, tags: [String],
            externalDocs: ExternalDocumentation?, parameters: [Parameter], requestBody: RequestBody?,
            responses: Responses, callbacks: OrderedDictionary<String, Callback>, deprecated: Bool,
            security: [SecurityRequirement]?, servers: [Server]?, extensions: Extensions, location: Location
        ) {
            self.operationId = operationId
            self.summary = summary
            self.description = description
            self.tags = tags
            self.externalDocs = externalDocs
            self.parameters = parameters
            self.requestBody = requestBody
            self.responses = responses
            self.callbacks = callbacks
            self.deprecated = deprecated
            self.security = security
            self.servers = servers
            self.extensions = extensions
            self.location = location
        }
    }

    private let storage: Storage

    /// `operationId`: its unique name.
    public var operationId: String? { storage.operationId }
    /// `summary`: a short text.
    public var summary: String? { storage.summary }
    /// `description`: CommonMark text.
    public var description: String? { storage.description }
    /// `tags`: names that group operations.
    public var tags: [String] { storage.tags }
    /// `externalDocs`: more documentation elsewhere.
    public var externalDocs: ExternalDocumentation? { storage.externalDocs }
    /// The operation's own parameters; `OperationEntry.parameters` merges in the path's.
    public var parameters: [Parameter] { storage.parameters }
    /// `requestBody`: the body it takes.
    public var requestBody: RequestBody? { storage.requestBody }
    /// `responses`: its answers by status.
    public var responses: Responses { storage.responses }
    /// `callbacks`: requests the API may send back, by name.
    public var callbacks: OrderedDictionary<String, Callback> { storage.callbacks }
    /// `deprecated`: whether users should stop using it.
    public var deprecated: Bool { storage.deprecated }
    /// `nil` when the operation does not override the document's requirements; `[]` to opt out.
    public var security: [SecurityRequirement]? { storage.security }
    /// `servers`: where it is served, overriding the outer ones.
    public var servers: [Server]? { storage.servers }
    /// The `x-` extensions, as written.
    public var extensions: Extensions { storage.extensions }
    /// Where the object is written.
    public var location: Location { storage.location }

    init(
        operationId: String?, summary: String?, description: String?, tags: [String],
        externalDocs: ExternalDocumentation?, parameters: [Parameter], requestBody: RequestBody?,
        responses: Responses, callbacks: OrderedDictionary<String, Callback>, deprecated: Bool,
        security: [SecurityRequirement]?, servers: [Server]?, extensions: Extensions, location: Location
    ) {
        storage = Storage(
            operationId: operationId, summary: summary, description: description, tags: tags,
            externalDocs: externalDocs, parameters: parameters, requestBody: requestBody, responses: responses,
            callbacks: callbacks, deprecated: deprecated, security: security, servers: servers,
            extensions: extensions, location: location)
    }

    static func decode(_ position: Position, _ context: DecodingContext) -> Operation? {
        guard var reader = ObjectReader(position, context, "an Operation object") else { return nil }
        let operation = Operation(
            operationId: reader.string("operationId"),
            summary: reader.string("summary"),
            description: reader.string("description"),
            tags: reader.strings("tags") ?? [],
            externalDocs: reader.object("externalDocs", ExternalDocumentation.decode),
            parameters: reader.list("parameters") { position, context in context.decodeReferenceable(position) as Parameter? } ?? [],
            requestBody: reader.object("requestBody") { position, context in context.decodeReferenceable(position) },
            responses: reader.object("responses", required: !context.version.isAtLeast(.v3_1), Responses.decode)
                ?? Responses(byStatus: [:], extensions: [:]),
            callbacks: reader.map("callbacks") { _, position, context in context.decodeReferenceable(position) as Callback? } ?? [:],
            deprecated: reader.bool("deprecated") ?? false,
            security: reader.list("security", SecurityRequirement.decode),
            servers: reader.list("servers", Server.decode),
            extensions: reader.finish(),
            location: position.location)
        checkUnique(operation.parameters, in: position, context)
        return operation
    }

    /// A parameter list may not name the same parameter (name and location) twice.
    static func checkUnique(_ parameters: [Parameter], in position: Position, _ context: DecodingContext) {
        var seen: Set<String> = []
        for parameter in parameters {
            // Header names are case-insensitive.
            let name = parameter.location == .header ? parameter.name.lowercased() : parameter.name
            if !seen.insert("\(parameter.location.rawValue):\(name)").inserted {
                context.error(
                    "parameter '\(parameter.name)' in \(parameter.location.rawValue) is declared twice in one list: expected each name and location once",
                    at: parameter.objectLocation)
            }
        }
    }
}
