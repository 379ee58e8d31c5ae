import OrderedCollections

/// The operations on one path, and what they share (parameters, servers).
public struct PathItem: Sendable, Referenceable {
    /// `summary`: a short text.
    public var summary: String?
    /// `description`: CommonMark text.
    public var description: String?
    /// Operations by upper-case method (`GET`, `POST`, ...), in document order; OpenAPI 3.2's
    /// `query` and `additionalOperations` included.
    public var operations: OrderedDictionary<String, Operation>
    /// `servers`: where it is served, overriding the outer ones.
    public var servers: [Server]?
    /// `parameters`: its parameters.
    public var parameters: [Parameter]
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
    public var reference: Reference?

    static let typeName = "a Path Item object"

    /// The fixed fields that hold operations, by version.
    static func methodFields(for version: OpenAPIVersion) -> [String] {
        let fixed = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        return version.isAtLeast(.v3_2) ? fixed + ["query"] : fixed
    }

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        summary = reader.string("summary")
        description = reader.string("description")
        var operations: OrderedDictionary<String, Operation> = [:]
        for method in Self.methodFields(for: context.version) {
            if let operation = reader.object(method, Operation.decode) {
                operations[method.uppercased()] = operation
            }
        }
        let additional = reader.map("additionalOperations", since: .v3_2) { _, position, context in
            Operation.decode(position, context)
        }
        for (method, operation) in additional ?? [:] {
            let name = method.uppercased()
            if operations[name] != nil || Self.methodFields(for: context.version).contains(method.lowercased()) {
                context.error(
                    "'additionalOperations' must not repeat the fixed method '\(method)': declare it as '\(method.lowercased())' only",
                    at: position.child("additionalOperations", position.node))
            } else {
                operations[name] = operation
            }
        }
        self.operations = operations
        servers = reader.list("servers", Server.decode)
        parameters = reader.list("parameters") { position, context in context.decodeReferenceable(position) as Parameter? } ?? []
        extensions = reader.finish()
        location = position.location
        Operation.checkUnique(parameters, in: position, context)
    }

    mutating func overrideSummary(_ summary: String) { self.summary = summary }
    mutating func overrideDescription(_ description: String) { self.description = description }
}
