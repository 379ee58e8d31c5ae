import OrderedCollections

/// One API operation: a method on a path, its inputs, and its documented responses.
public struct Operation: Sendable {
    public var operationId: String?
    public var summary: String?
    public var description: String?
    public var tags: [String]
    public var externalDocs: ExternalDocumentation?
    /// The operation's own parameters; `OperationEntry.parameters` merges in the path's.
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    public var responses: Responses
    public var callbacks: OrderedDictionary<String, Callback>
    public var deprecated: Bool
    /// `nil` when the operation does not override the document's requirements; `[]` to opt out.
    public var security: [SecurityRequirement]?
    public var servers: [Server]?
    public var extensions: Extensions
    public var location: Location

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
