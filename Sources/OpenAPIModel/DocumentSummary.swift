import OrderedCollections
import YAMLSource

/// What `lint` reports about one document: the facts a reader checks at a glance.
public struct DocumentSummary: Sendable, Codable, Equatable {
    /// One operation: method, path and id.
    public struct OperationLine: Sendable, Codable, Equatable {
        public var method: String
        public var path: String
        public var operationId: String?
    }

    /// One server and what it is called.
    public struct ServerLine: Sendable, Codable, Equatable {
        public var url: String
        public var description: String?
    }

    /// One security scheme, in words: `http bearer`, `apiKey in header X-Key`, ...
    public struct SecuritySchemeLine: Sendable, Codable, Equatable {
        public var name: String
        public var kind: String
    }

    public var openapi: String
    /// `Swagger 2.0` when the file was converted on load.
    public var convertedFrom: String?
    public var title: String
    public var version: String
    public var servers: [ServerLine]
    public var operations: [OperationLine]
    public var schemaCount: Int
    public var securitySchemes: [SecuritySchemeLine]
    /// How many files the document spans (its own and those its `$ref`s name).
    public var fileCount: Int

    public init(_ document: OpenAPIDocument) {
        openapi = document.openapi
        convertedFrom = document.convertedFrom
        title = document.info.title
        version = document.info.version
        servers = document.servers.map { ServerLine(url: $0.url, description: $0.description) }
        operations = document.operations.map {
            OperationLine(method: $0.method, path: $0.path, operationId: $0.operation.operationId)
        }
        schemaCount = document.components.schemas.count
        securitySchemes = document.components.securitySchemes.map { name, scheme in
            SecuritySchemeLine(name: name, kind: Self.describe(scheme))
        }
        fileCount = document.sourceMap.files.count
    }

    private static func describe(_ scheme: SecurityScheme) -> String {
        switch scheme.type {
        case .http: "http \(scheme.scheme ?? "")" + (scheme.bearerFormat.map { " (\($0))" } ?? "")
        case .apiKey: "apiKey in \(scheme.keyLocation ?? "?") '\(scheme.name ?? "")'"
        case .oauth2: "oauth2 (" + scheme.flows.keys.joined(separator: ", ") + ")"
        case .openIdConnect: "openIdConnect \(scheme.openIdConnectUrl ?? "")"
        case .mutualTLS: "mutualTLS"
        }
    }
}
