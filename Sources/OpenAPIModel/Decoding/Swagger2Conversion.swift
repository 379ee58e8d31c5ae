import YAMLSource

/// Rewrites a Swagger 2.0 document into the OpenAPI 3.0 document it describes, once, as it is
/// loaded, so every later stage knows one model. Every node of the result carries the mark of
/// the 2.0 node it came from: a diagnostic about a converted schema points at the line of the
/// 2.0 file that wrote it (its JSON pointer is the 3.0 one, `#/components/schemas/Pet`).
///
/// `definitions`, `parameters`, `responses` and `securityDefinitions` become components; `host`,
/// `basePath` and `schemes` servers; body and formData parameters a request body in every type
/// `consumes` lists (formData as a form, multipart when it holds a file); a schema in every type
/// `produces` lists; `collectionFormat` a `style`; `type: file` a binary string; `x-nullable`
/// `nullable`. What the conversion does not know is copied as it is, for the decoder to judge.
struct Swagger2Conversion {
    private let root: Node
    private let report: (Diagnostic) -> Void
    private let consumes: [String]
    private let produces: [String]

    /// The 3.0 form of `root`, or `nil` (reported) when it is not a Swagger 2.0 document.
    static func convert(_ root: Node, report: @escaping (Diagnostic) -> Void) -> Node? {
        guard let version = root["swagger"] else { return nil }
        guard version.hasText("2.0") else {
            let found = version.scalar.map { "'\($0.text)'" } ?? version.kindDescription
            report(
                .error(
                    "unsupported Swagger version \(found): expected '2.0', or an OpenAPI 3 document ('openapi: 3.1.0')",
                    at: version.mark, pointer: "/swagger"))
            return nil
        }
        let conversion = Swagger2Conversion(
            root: root, report: report,
            consumes: strings(root["consumes"]), produces: strings(root["produces"]))
        return conversion.document().build()
    }

    private static func strings(_ node: Node?) -> [String] {
        node?.sequence?.compactMap(\.string) ?? []
    }

    /// The entries of a mapping; none for anything else.
    private static func entries(_ node: Node?) -> [MappingEntry] {
        node?.mapping.map(Array.init) ?? []
    }

    // MARK: The document

    private static let rootFields: Set<String> = [
        "swagger", "info", "host", "basePath", "schemes", "consumes", "produces", "paths", "definitions", "parameters",
        "responses", "securityDefinitions", "security", "tags", "externalDocs",
    ]

    private func document() -> NodeTree {
        let version = root["swagger"]!
        var entries: [(key: NodeTree, value: NodeTree)] = [(.string("openapi", at: version.mark), .string("3.0.3", at: version.mark))]
        for entry in Self.entries(root) {
            guard let key = entry.key.string else { continue }
            switch key {
            case "info", "security", "tags", "externalDocs":
                entries.append((.node(entry.key), .node(entry.value)))
            case "paths":
                entries.append((.node(entry.key), paths(entry.value)))
            case _ where !Self.rootFields.contains(key):
                entries.append((.node(entry.key), .node(entry.value)))
            default:
                continue
            }
        }
        if let servers = servers() { entries.append((.string("servers", at: servers.mark), servers)) }
        if let components = components() { entries.append((.string("components", at: components.mark), components)) }
        return .mapping(entries, at: root.mark)
    }

    /// One server per scheme at `host` + `basePath`; without a host, `basePath` alone (the
    /// host that serves the document).
    private func servers() -> NodeTree? {
        let host = root["host"]
        let basePath = root["basePath"]
        guard host != nil || basePath != nil else { return nil }
        let path = basePath?.string.map { $0 == "/" ? "" : $0 } ?? ""
        let mark = host?.mark ?? basePath!.mark
        guard let hostName = host?.string else {
            return .sequence([.object([("url", .string(path.isEmpty ? "/" : path, at: mark))], at: mark)], at: mark)
        }
        var schemes = Self.strings(root["schemes"])
        if schemes.isEmpty { schemes = [Self.isLoopback(hostName) ? "http" : "https"] }
        return .sequence(schemes.map { .object([("url", .string("\($0)://\(hostName)\(path)", at: mark))], at: mark) }, at: mark)
    }

    private static func isLoopback(_ host: String) -> Bool {
        let name = host.split(separator: ":").first.map(String.init) ?? host
        return ["localhost", "127.0.0.1", "[::1]"].contains(name)
    }

    private func components() -> NodeTree? {
        var entries: [(String, NodeTree)] = []
        if let definitions = root["definitions"], let items = definitions.mapping {
            entries.append(("schemas", .mapping(items.map { (.node($0.key), schema($0.value)) }, at: definitions.mark)))
        }
        if let parameters = root["parameters"], let items = parameters.mapping {
            // Body and formData parameters are request bodies: they are written into each
            // operation that names them.
            let plain = items.filter { !Self.isBodyLike($0.value) }
            if !plain.isEmpty {
                entries.append(
                    (
                        "parameters",
                        .mapping(
                            plain.map { entry in
                                (.node(entry.key), parameter(entry.value, at: ["components", "parameters", entry.key.string ?? ""]))
                            }, at: parameters.mark)
                    ))
            }
        }
        if let responses = root["responses"], let items = responses.mapping {
            entries.append(("responses", .mapping(items.map { (.node($0.key), response($0.value, produces: produces)) }, at: responses.mark)))
        }
        if let schemes = root["securityDefinitions"], let items = schemes.mapping {
            entries.append(("securitySchemes", .mapping(items.map { (.node($0.key), securityScheme($0.value)) }, at: schemes.mark)))
        }
        guard let first = entries.first else { return nil }
        return .object(entries, at: first.1.mark)
    }

    // MARK: Paths and operations

    /// 2.0's methods, and `trace`, which 2.0 lacks but generators write (flasgger) and 3.0 has.
    private static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private func paths(_ node: Node) -> NodeTree {
        guard let items = node.mapping else { return .node(node) }
        return .mapping(items.map { entry in (.node(entry.key), pathItem(entry.value, at: ["paths", entry.key.string ?? ""])) }, at: node.mark)
    }

    /// `pointer`: where the result sits in the 3.0 document, for what the conversion reports
    /// (a run skips only the operations an error is in).
    private func pathItem(_ node: Node, at pointer: JSONPointer) -> NodeTree {
        guard let items = node.mapping, node["$ref"] == nil else { return .node(node) }
        let shared = node["parameters"]?.sequence.map { Array($0) } ?? []
        var entries: [(key: NodeTree, value: NodeTree)] = []
        for entry in items {
            guard let key = entry.key.string else { continue }
            if Self.methods.contains(key) {
                entries.append((.node(entry.key), operation(entry.value, shared: shared, at: pointer.appending(key))))
            } else if key == "parameters", let list = entry.value.sequence {
                let plain = list.filter { !Self.isBodyLike(resolved($0)) }
                entries.append((.node(entry.key), .sequence(plain.map { parameterOrReference($0, at: pointer) }, at: entry.value.mark)))
            } else {
                entries.append((.node(entry.key), .node(entry.value)))
            }
        }
        return .mapping(entries, at: node.mark)
    }

    private func operation(_ node: Node, shared: [Node], at pointer: JSONPointer) -> NodeTree {
        guard let items = node.mapping else { return .node(node) }
        let consumes = node["consumes"].map(Self.strings) ?? self.consumes
        let produces = node["produces"].map(Self.strings) ?? self.produces
        let own = node["parameters"]?.sequence.map { Array($0) } ?? []
        // An operation's parameter replaces the path's of the same name and place.
        let ownKeys = Set(own.map { Self.identity(resolved($0)) })
        let bodyLike = (shared.filter { !ownKeys.contains(Self.identity(resolved($0))) } + own).filter { Self.isBodyLike(resolved($0)) }
        var entries: [(key: NodeTree, value: NodeTree)] = []
        for entry in items {
            guard let key = entry.key.string else { continue }
            switch key {
            case "consumes", "produces", "schemes":
                continue
            case "parameters":
                guard let list = entry.value.sequence else {
                    entries.append((.node(entry.key), .node(entry.value)))
                    continue
                }
                let plain = list.filter { !Self.isBodyLike(resolved($0)) }
                if !plain.isEmpty {
                    entries.append((.node(entry.key), .sequence(plain.map { parameterOrReference($0, at: pointer) }, at: entry.value.mark)))
                }
            case "responses":
                entries.append((.node(entry.key), responses(entry.value, produces: produces)))
            default:
                entries.append((.node(entry.key), .node(entry.value)))
            }
        }
        if let body = requestBody(bodyLike.map(resolved), consumes: consumes, at: pointer) {
            entries.append((.string("requestBody", at: body.mark), body))
        }
        return .mapping(entries, at: node.mark)
    }

    /// `name` and `in` of a parameter, for overriding.
    private static func identity(_ node: Node) -> String {
        (node["name"]?.string ?? "") + "\u{0}" + (node["in"]?.string ?? "")
    }

    private static func isBodyLike(_ node: Node) -> Bool {
        node["in"]?.hasText("body") == true || node["in"]?.hasText("formData") == true
    }

    /// A parameter as written, or the root parameter its `$ref: '#/parameters/Name'` names.
    private func resolved(_ node: Node) -> Node {
        guard let ref = node["$ref"]?.string, ref.hasPrefix("#/parameters/") else { return node }
        guard let pointer = JSONPointer(fragment: ref.dropFirst()), pointer.tokens.count == 2 else { return node }
        return root["parameters"]?[pointer.tokens[1]] ?? node
    }

    // MARK: Parameters and request bodies

    /// `pointer`: the path item or operation the parameter belongs to.
    private func parameterOrReference(_ node: Node, at pointer: JSONPointer) -> NodeTree {
        node["$ref"] != nil ? referenceObject(node) : parameter(node, at: pointer)
    }

    /// The fields a 2.0 parameter (or items object, or header) moves into its schema.
    private static let schemaFields: Set<String> = [
        "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
        "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf",
    ]

    private func parameter(_ node: Node, at pointer: JSONPointer) -> NodeTree {
        guard let items = node.mapping else { return .node(node) }
        var entries: [(key: NodeTree, value: NodeTree)] = []
        for entry in items {
            guard let key = entry.key.string else { continue }
            if Self.movesIntoSchema(key) { continue }
            if key == "x-example" {
                entries.append((.string("example", at: entry.key.mark), .node(entry.value)))
            } else {
                entries.append((.node(entry.key), .node(entry.value)))
            }
        }
        if let schema = simpleSchema(node) {
            entries.append((.string("schema", at: schema.mark), schema))
        } else if node["$ref"] == nil, node["content"] == nil, node["schema"] == nil {
            // Any value is not what the server means: the cases would send values it refuses.
            report(
                .error(
                    "parameter '\(node["name"]?.string ?? "")' has no 'type': Swagger 2.0 requires one (string, number, integer, boolean or array)",
                    at: node.mark, pointer: pointer.description))
            entries.append((.string("schema", at: node.mark), .mapping([], at: node.mark)))
        }
        if let style = style(node, at: pointer) { entries += style }
        return .mapping(entries, at: node.mark)
    }

    /// The schema of a parameter, header or items object: its type and bounds.
    private func simpleSchema(_ node: Node) -> NodeTree? {
        guard let items = node.mapping else { return nil }
        var entries: [(key: NodeTree, value: NodeTree)] = []
        for entry in items {
            guard let key = entry.key.string else { continue }
            if let respelled = Self.respelled(entry, in: node) {
                entries += respelled
            } else if key == "items" {
                entries.append((.node(entry.key), simpleSchema(entry.value) ?? .node(entry.value)))
            } else if Self.schemaFields.contains(key) {
                entries.append((.node(entry.key), .node(entry.value)))
            }
        }
        guard !entries.isEmpty else { return nil }
        // At the `type` key: a mark no other node of the tree has, so a pointer found by it is
        // the schema's own.
        return .mapping(entries, at: items.first { $0.key.hasText("type") }?.key.mark ?? node.mark)
    }

    /// `style` and `explode` for an array parameter's `collectionFormat` (csv unless told).
    private func style(_ node: Node, at pointer: JSONPointer) -> [(key: NodeTree, value: NodeTree)]? {
        guard node["type"]?.hasText("array") == true, let place = node["in"]?.string else { return nil }
        let format = node["collectionFormat"]
        let mark = format?.mark ?? node["type"]!.mark
        let form = place == "query" || place == "cookie"
        let (style, explode): (String, Bool)
        switch format?.string ?? "csv" {
        case "csv": (style, explode) = (form ? "form" : "simple", false)
        case "ssv": (style, explode) = ("spaceDelimited", false)
        case "pipes": (style, explode) = ("pipeDelimited", false)
        case "multi": (style, explode) = ("form", true)
        case let other:
            report(
                .warning(
                    "collectionFormat '\(other)' has no OpenAPI 3 style: the values are sent comma-separated (csv)",
                    at: mark, pointer: pointer.description))
            (style, explode) = (form ? "form" : "simple", false)
        }
        return [
            (.string("style", at: mark), .string(style, at: mark)),
            (.string("explode", at: mark), .scalar(explode ? "true" : "false", .bool, at: mark)),
        ]
    }

    /// The request body the operation's body or formData parameters describe.
    private func requestBody(_ parameters: [Node], consumes: [String], at pointer: JSONPointer) -> NodeTree? {
        if let body = parameters.first(where: { $0["in"]?.hasText("body") == true }) {
            let types = consumes.isEmpty ? ["application/json"] : consumes
            var entries: [(key: NodeTree, value: NodeTree)] = []
            for key in ["description", "required"] {
                if let value = body[key] { entries.append((.string(key, at: value.mark), .node(value))) }
            }
            for entry in Self.entries(body) where entry.key.string?.hasPrefix("x-") == true {
                entries.append((.node(entry.key), .node(entry.value)))
            }
            guard let schemaNode = body["schema"] else {
                report(
                    .error(
                        "the body parameter has no 'schema': expected the schema of the request body", at: body.mark,
                        pointer: pointer.appending("requestBody").description))
                return nil
            }
            let converted = schema(schemaNode)
            let content = types.map { (NodeTree.string($0, at: schemaNode.mark), NodeTree.object([("schema", converted)], at: schemaNode.mark)) }
            entries.append((.string("content", at: schemaNode.mark), .mapping(content, at: schemaNode.mark)))
            return .mapping(entries, at: body.mark)
        }
        let fields = parameters.filter { $0["in"]?.hasText("formData") == true }
        guard let first = fields.first else { return nil }
        let hasFile = fields.contains { $0["type"]?.hasText("file") == true }
        var types = consumes.filter { $0.hasPrefix("multipart/form-data") || $0.hasPrefix("application/x-www-form-urlencoded") }
        if types.isEmpty { types = [hasFile ? "multipart/form-data" : "application/x-www-form-urlencoded"] }
        var properties: [(key: NodeTree, value: NodeTree)] = []
        var required: [NodeTree] = []
        for field in fields {
            guard let name = field["name"] else { continue }
            var property = simpleSchema(field) ?? .mapping([], at: field.mark)
            if let description = field["description"], case .mapping(let entries, let mark) = property {
                property = .mapping(entries + [(.string("description", at: description.mark), .node(description))], at: mark)
            }
            properties.append((.node(name), property))
            if field["required"]?.scalar?.bool == true { required.append(.node(name)) }
        }
        var schemaEntries: [(String, NodeTree)] = [
            ("type", .string("object", at: first.mark)),
            ("properties", .mapping(properties, at: first.mark)),
        ]
        if !required.isEmpty { schemaEntries.append(("required", .sequence(required, at: first.mark))) }
        let formSchema = NodeTree.object(schemaEntries, at: first.mark)
        let content = types.map { (NodeTree.string($0, at: first.mark), NodeTree.object([("schema", formSchema)], at: first.mark)) }
        var entries: [(String, NodeTree)] = [("content", .mapping(content, at: first.mark))]
        if !required.isEmpty { entries.append(("required", .scalar("true", .bool, at: first.mark))) }
        return .object(entries, at: first.mark)
    }

    // MARK: Responses

    private func responses(_ node: Node, produces: [String]) -> NodeTree {
        guard let items = node.mapping else { return .node(node) }
        return .mapping(
            items.map { entry in
                (.node(entry.key), entry.key.string?.hasPrefix("x-") == true ? .node(entry.value) : response(entry.value, produces: produces))
            }, at: node.mark)
    }

    private func response(_ node: Node, produces: [String]) -> NodeTree {
        guard let items = node.mapping else { return .node(node) }
        if node["$ref"] != nil { return referenceObject(node) }
        var entries: [(key: NodeTree, value: NodeTree)] = []
        let examples = node["examples"]
        for entry in items {
            guard let key = entry.key.string else { continue }
            switch key {
            case "schema", "examples":
                continue
            case "headers":
                guard let headers = entry.value.mapping else {
                    entries.append((.node(entry.key), .node(entry.value)))
                    continue
                }
                entries.append((.node(entry.key), .mapping(headers.map { (.node($0.key), header($0.value)) }, at: entry.value.mark)))
            default:
                entries.append((.node(entry.key), .node(entry.value)))
            }
        }
        if let schemaNode = node["schema"] {
            var types = produces.isEmpty ? ["application/json"] : produces
            for example in Self.entries(examples) {
                if let type = example.key.string, !types.contains(type) { types.append(type) }
            }
            let converted = schema(schemaNode)
            let content = types.map { type -> (key: NodeTree, value: NodeTree) in
                var media: [(String, NodeTree)] = [("schema", converted)]
                if let example = examples?[type] { media.append(("example", .node(example))) }
                return (.string(type, at: schemaNode.mark), .object(media, at: schemaNode.mark))
            }
            entries.append((.string("content", at: schemaNode.mark), .mapping(content, at: schemaNode.mark)))
        }
        return .mapping(entries, at: node.mark)
    }

    private func header(_ node: Node) -> NodeTree {
        guard let items = node.mapping else { return .node(node) }
        var entries: [(key: NodeTree, value: NodeTree)] = items.filter {
            $0.key.string.map { !Self.movesIntoSchema($0) } ?? false
        }.map { (.node($0.key), .node($0.value)) }
        if let schema = simpleSchema(node) { entries.append((.string("schema", at: schema.mark), schema)) }
        return .mapping(entries, at: node.mark)
    }

    /// Whether a field of a 2.0 parameter or header belongs to its 3.0 schema (or, as
    /// `collectionFormat`, to its style) rather than to the object itself.
    private static func movesIntoSchema(_ key: String) -> Bool {
        schemaFields.contains(key) || key == "collectionFormat" || key == "x-nullable"
    }

    /// The 3.0 spelling of a schema keyword 2.0 writes otherwise: `type: file` as a binary
    /// string (unless a format is given), `x-nullable` as `nullable`; `nil` for any other.
    private static func respelled(_ entry: MappingEntry, in node: Node) -> [(key: NodeTree, value: NodeTree)]? {
        if entry.key.hasText("x-nullable") { return [(.string("nullable", at: entry.key.mark), .node(entry.value))] }
        guard entry.key.hasText("type"), entry.value.hasText("file") else { return nil }
        let mark = entry.value.mark
        return [(.node(entry.key), .string("string", at: mark))]
            + (node["format"] == nil ? [(.string("format", at: mark), .string("binary", at: mark))] : [])
    }

    // MARK: Schemas

    /// A schema with its references into `definitions` moved to `components`, `x-nullable` as
    /// `nullable`, a string discriminator as an object, and `type: file` as a binary string.
    private func schema(_ node: Node) -> NodeTree {
        guard let items = node.mapping else { return .node(node) }
        var entries: [(key: NodeTree, value: NodeTree)] = []
        for entry in items {
            guard let key = entry.key.string else {
                entries.append((.node(entry.key), .node(entry.value)))
                continue
            }
            if let respelled = Self.respelled(entry, in: node) {
                entries += respelled
                continue
            }
            switch key {
            case "$ref":
                entries.append((.node(entry.key), reference(entry.value)))
            case "discriminator" where entry.value.string != nil:
                entries.append((.node(entry.key), .object([("propertyName", .node(entry.value))], at: entry.value.mark)))
            case "properties", "patternProperties", "definitions":
                guard let members = entry.value.mapping else {
                    entries.append((.node(entry.key), .node(entry.value)))
                    continue
                }
                entries.append((.node(entry.key), .mapping(members.map { (.node($0.key), schema($0.value)) }, at: entry.value.mark)))
            case "allOf", "anyOf", "oneOf":
                guard let list = entry.value.sequence else {
                    entries.append((.node(entry.key), .node(entry.value)))
                    continue
                }
                entries.append((.node(entry.key), .sequence(list.map(schema), at: entry.value.mark)))
            case "items":
                if let list = entry.value.sequence {
                    entries.append((.node(entry.key), .sequence(list.map(schema), at: entry.value.mark)))
                } else {
                    entries.append((.node(entry.key), schema(entry.value)))
                }
            case "additionalProperties", "not":
                entries.append((.node(entry.key), schema(entry.value)))
            default:
                entries.append((.node(entry.key), .node(entry.value)))
            }
        }
        return .mapping(entries, at: node.mark)
    }

    /// A Reference Object with its `$ref` moved (siblings kept, for the decoder to judge).
    private func referenceObject(_ node: Node) -> NodeTree {
        .mapping(
            Self.entries(node).map { entry in
                (.node(entry.key), entry.key.hasText("$ref") ? reference(entry.value) : .node(entry.value))
            }, at: node.mark)
    }

    /// `$ref` text pointing into `definitions`, `parameters` or `responses` moved to where the
    /// 3.0 document keeps them.
    private func reference(_ node: Node) -> NodeTree {
        guard let ref = node.string else { return .node(node) }
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .node(node) }
        for (old, new) in [
            ("/definitions/", "/components/schemas/"), ("/parameters/", "/components/parameters/"),
            ("/responses/", "/components/responses/"),
        ] where parts[1].hasPrefix(old) {
            return .string("\(parts[0])#\(new)\(parts[1].dropFirst(old.count))", at: node.mark)
        }
        return .node(node)
    }

    // MARK: Security

    private func securityScheme(_ node: Node) -> NodeTree {
        guard let items = node.mapping, let type = node["type"]?.string else { return .node(node) }
        var entries: [(key: NodeTree, value: NodeTree)] = []
        switch type {
        case "basic":
            let mark = node["type"]!.mark
            entries = [(.string("type", at: mark), .string("http", at: mark)), (.string("scheme", at: mark), .string("basic", at: mark))]
            entries += items.filter { $0.key.string != "type" }.map { (.node($0.key), .node($0.value)) }
        case "oauth2":
            let flowFields: Set<String> = ["flow", "authorizationUrl", "tokenUrl", "scopes"]
            entries = items.filter { !flowFields.contains($0.key.string ?? "") }.map { (.node($0.key), .node($0.value)) }
            if let flow = node["flow"] {
                let name =
                    switch flow.string {
                    case "implicit": "implicit"
                    case "password": "password"
                    case "application": "clientCredentials"
                    case "accessCode": "authorizationCode"
                    default: flow.string ?? ""
                    }
                var fields: [(key: NodeTree, value: NodeTree)] = []
                for key in ["authorizationUrl", "tokenUrl"] {
                    if let value = node[key] { fields.append((.string(key, at: value.mark), .node(value))) }
                }
                fields.append(
                    (.string("scopes", at: node["scopes"]?.mark ?? flow.mark), node["scopes"].map { .node($0) } ?? .mapping([], at: flow.mark)))
                entries.append(
                    (.string("flows", at: flow.mark), .mapping([(.string(name, at: flow.mark), .mapping(fields, at: flow.mark))], at: flow.mark)))
            }
        default:
            return .node(node)
        }
        return .mapping(entries, at: node.mark)
    }
}
