import OrderedCollections
import YAMLSource

/// An OpenAPI 3.0, 3.1 or 3.2 document: the typed structure the rest of the pipeline reads.
///
/// Non-schema `$ref`s are already followed (each object records the `Reference` it came
/// through); schemas are kept raw for the validator. `sourceMap` leads from any JSON pointer
/// back to the line it was written on.
public struct OpenAPIDocument: Sendable {
    /// The version as written in `openapi`.
    public var openapi: String
    /// The OpenAPI version `openapi` declares, parsed.
    public var version: OpenAPIVersion
    /// `info`: the API's title, version and contacts.
    public var info: Info
    /// OpenAPI 3.1+: the default `$schema` of the document's schemas.
    public var jsonSchemaDialect: String?
    /// OpenAPI 3.2: the document's own URI.
    public var selfURI: String?
    /// As written; see `effectiveServers`.
    public var servers: [Server]
    /// Path templates in document order.
    public var paths: OrderedDictionary<String, PathItem>
    /// OpenAPI 3.1+.
    public var webhooks: OrderedDictionary<String, PathItem>
    /// `components`: the reusable objects.
    public var components: Components
    /// `security`: the default requirements; any one of them authorizes.
    public var security: [SecurityRequirement]
    /// `tags`: names that group operations.
    public var tags: [Tag]
    /// `externalDocs`: more documentation elsewhere.
    public var externalDocs: ExternalDocumentation?
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Every file read, to find nodes and quote lines.
    public var sourceMap: SourceMap
    /// The format the file was written in when it was not OpenAPI 3 (`Swagger 2.0`): it was
    /// converted on load.
    public var convertedFrom: String?

    /// The dialect of the document's schemas.
    public var schemaDialect: SchemaDialect { version.schemaDialect }

    /// The servers, or the single server `/` that OpenAPI implies when none are listed.
    public var effectiveServers: [Server] {
        guard servers.isEmpty else { return servers }
        let root = Location(mark: .init(file: sourceMap.mainFile ?? "", line: 1, column: 1), pointer: .root)
        return [Server(url: "/", description: nil, name: nil, variables: [:], extensions: [:], location: root)]
    }

    /// Every operation under `paths`, in document order, with what it inherits.
    public var operations: [OperationEntry] {
        paths.flatMap { path, item in
            item.operations.map { method, operation in
                OperationEntry(path: path, method: method, operation: operation, pathItem: item, document: self)
            }
        }
    }

    /// The operation with this `operationId`.
    public func operation(id: String) -> OperationEntry? {
        operations.first { $0.operation.operationId == id }
    }

    /// Follows a schema's `$ref` chain (up to a bound, so cycles end) to the schema it names.
    public func resolve(_ schema: Schema) -> Schema? {
        var current = schema
        for _ in 0..<64 {
            guard let ref = current.reference else { return current }
            guard let (location, node) = sourceMap.resolve(ref, from: current.location.file) else { return nil }
            current = Schema(node: node, location: location, dialect: current.dialect)
        }
        return nil
    }
}

/// An operation with its path and method and what it inherits from its path item and the
/// document (parameters, security, servers).
public struct OperationEntry: Sendable {
    /// The path key it is declared under.
    public var path: String
    /// Upper case: `GET`, `POST`, ...
    public var method: String
    /// The operation itself.
    public var operation: Operation
    /// The path item's parameters merged with the operation's (the operation's win).
    public var parameters: [Parameter]
    /// The operation's security requirements, else the document's.
    public var security: [SecurityRequirement]
    /// The operation's servers, else the path item's, else the document's.
    public var servers: [Server]

    init(path: String, method: String, operation: Operation, pathItem: PathItem, document: OpenAPIDocument) {
        self.path = path
        self.method = method
        self.operation = operation
        self.parameters =
            pathItem.parameters.isEmpty
            ? operation.parameters
            : pathItem.parameters.filter { shared in
                !operation.parameters.contains { $0.name == shared.name && $0.location == shared.location }
            } + operation.parameters
        self.security = operation.security ?? document.security
        self.servers = operation.servers ?? pathItem.servers ?? document.effectiveServers
    }

    /// The `operationId`, or `METHOD path` when there is none.
    public var id: String { operation.operationId ?? "\(method) \(path)" }
}
