import OrderedCollections
import YAMLSource

/// What `lint` reports about one document: the facts a reader checks at a glance.
public struct DocumentSummary: Sendable, Codable, Equatable {
    /// One operation: method, path and id.
    public struct OperationLine: Sendable, Codable, Equatable {
        /// Upper case.
        public var method: String
        /// The path key.
        public var path: String
        /// `operationId`: its unique name.
        public var operationId: String?
    }

    /// One server and what it is called.
    public struct ServerLine: Sendable, Codable, Equatable {
        /// `url`: its address.
        public var url: String
        /// `description`: CommonMark text.
        public var description: String?
    }

    /// One security scheme, in words: `http bearer`, `apiKey in header X-Key`, ...
    public struct SecuritySchemeLine: Sendable, Codable, Equatable {
        /// `name`: its name.
        public var name: String
        /// In words: `http bearer`, `apiKey in header X-Key`.
        public var kind: String
    }

    /// The OpenAPI version as written.
    public var openapi: String
    /// `Swagger 2.0` when the file was converted on load.
    public var convertedFrom: String?
    /// `title`: the API's name.
    public var title: String
    /// `version`: the version of the API (not of OpenAPI).
    public var version: String
    /// The document's servers.
    public var servers: [ServerLine]
    /// Every operation, in the document's order.
    public var operations: [OperationLine]
    /// How many schemas `components` names.
    public var schemaCount: Int
    /// `securitySchemes`: the schemes, by name.
    public var securitySchemes: [SecuritySchemeLine]
    /// How many files the document spans (its own and those its `$ref`s name).
    public var fileCount: Int

    /// The summary of `document`.
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
