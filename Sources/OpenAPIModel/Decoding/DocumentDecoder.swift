import OrderedCollections
import YAMLSource

/// Turns a parsed root node into an `OpenAPIDocument`, reporting every problem on the way.
enum DocumentDecoder {
    /// `nil` when the node is not an OpenAPI 3.x document at all.
    static func decode(_ position: Position, registry: SourceRegistry) -> (OpenAPIDocument, DecodingContext)? {
        guard position.node.mapping != nil else {
            registry.report(
                .error(
                    "expected an OpenAPI document (a mapping with 'openapi', 'info' and 'paths'), found \(position.node.kindDescription)",
                    at: position.node.mark, pointer: ""))
            return nil
        }
        guard let versionNode = position.node["openapi"] else {
            registry.report(
                .error(
                    "the document is missing its required field 'openapi': expected 'openapi: 3.0.x', '3.1.x' or '3.2.x' (or 'swagger: \"2.0\"')",
                    at: position.node.mark, pointer: ""))
            return nil
        }
        guard let versionText = versionNode.scalar?.text,
            let version = OpenAPIVersion(versionText), version.isSupported
        else {
            let found = versionNode.scalar.map { "'\($0.text)'" } ?? versionNode.kindDescription
            registry.report(
                .error(
                    "unsupported OpenAPI version \(found): expected 3.0.x, 3.1.x or 3.2.x (three numbers, e.g. '3.1.0')",
                    at: versionNode.mark, pointer: "/openapi"))
            return nil
        }
        let context = DecodingContext(version: version, registry: registry)
        // A `$ref` at the root is followed like any stray reference, and may lead to a node
        // that is not an object at all: the reader reports that.
        guard var reader = ObjectReader(position, context, "the OpenAPI object") else { return nil }
        let openapi = reader.string("openapi", required: true) ?? versionText
        let info = reader.object("info", required: true, Info.decode)
        let jsonSchemaDialect = reader.string("jsonSchemaDialect", since: .v3_1)
        let selfURI = reader.string("$self", since: .v3_2)
        let servers = reader.list("servers", Server.decode) ?? []
        let paths = reader.object("paths", required: !version.isAtLeast(.v3_1), decodePaths) ?? [:]
        let webhooks =
            reader.map("webhooks", since: .v3_1) { _, position, context in
                context.decodeReferenceable(position) as PathItem?
            } ?? [:]
        let components = reader.object("components", Components.decode) ?? Components()
        let security = reader.list("security", SecurityRequirement.decode) ?? []
        let tags = reader.list("tags", Tag.decode) ?? []
        let externalDocs = reader.object("externalDocs", ExternalDocumentation.decode)
        let extensions = reader.finish()
        if version.isAtLeast(.v3_1), position.node["paths"] == nil, position.node["components"] == nil,
            position.node["webhooks"] == nil
        {
            context.error("the document needs at least one of 'paths', 'components' and 'webhooks'", at: position.location)
        }
        let document = OpenAPIDocument(
            openapi: openapi, version: version, info: info ?? Info(title: "", version: "", extensions: [:]),
            jsonSchemaDialect: jsonSchemaDialect, selfURI: selfURI, servers: servers, paths: paths,
            webhooks: webhooks, components: components, security: security, tags: tags,
            externalDocs: externalDocs, extensions: extensions, sourceMap: SourceMap(), convertedFrom: nil)
        return (document, context)
    }

    private static func decodePaths(_ position: Position, _ context: DecodingContext) -> OrderedDictionary<String, PathItem>? {
        guard let entries = position.node.mapping else {
            context.error("expected a Paths object (a mapping), found \(position.node.kindDescription)", at: position)
            return nil
        }
        var paths: OrderedDictionary<String, PathItem> = [:]
        for entry in entries {
            guard let key = entry.key.scalar?.text else { continue }
            if key.hasPrefix("x-") { continue }
            guard key.hasPrefix("/") else {
                context.error("path '\(key)' must start with '/'", at: position.child(key, entry.key))
                continue
            }
            if let item: PathItem = context.decodeReferenceable(position.child(entry, named: key)) {
                paths[key] = item
            }
        }
        return paths
    }
}

extension Info {
    init(title: String, version: String, extensions: Extensions) {
        self.init(
            title: title, version: version, summary: nil, description: nil, termsOfService: nil,
            contact: nil, license: nil, extensions: extensions)
    }
}
