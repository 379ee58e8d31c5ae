import OpenAPIModel
import YAMLSource

/// Compiles schemas (OpenAPI component schemas, inline schemas, or JSON Schema documents)
/// into validators, once each: references are linked, patterns compiled, bounds decoded.
///
/// A compiler is used from one task; the validators it returns are immutable and shared
/// freely. Problems in a schema (a pattern that does not compile, a reference that leads
/// nowhere) are diagnostics with the schema's location, never crashes.
public final class SchemaCompiler {
    let registry: SchemaRegistry
    private var cache: [NodeID: CompiledSchema] = [:]
    private var resources: [String: SchemaResource] = [:]
    private var reported: Set<Diagnostic> = []
    /// Component schema names of the OpenAPI document, for a discriminator's implicit mapping.
    private var componentSchemas: [String] = []
    private var documentURI: URIReference?
    /// Whether any compiled schema uses `unevaluatedProperties`/`unevaluatedItems`, which
    /// makes evaluation collect annotations.
    private(set) var usesUnevaluated = false

    /// Problems found while compiling, in the order found.
    public private(set) var diagnostics: [Diagnostic] = []

    /// A compiler for JSON Schema documents of `dialect`; `loader` fetches documents that
    /// references name by URI (the bundled meta-schemas are always available).
    public init(dialect: ValidationDialect, loader: @escaping (String) -> (node: Node, file: String)? = { _ in nil }) {
        registry = SchemaRegistry(defaultDialect: dialect) { uri in loader(uri) ?? Metaschemas.document(at: uri) }
    }

    /// A compiler for the schemas of an OpenAPI document: every file it spans is known, so
    /// `$ref`s between them resolve without reading anything again.
    public convenience init(document: OpenAPIDocument) {
        let files = document.sourceMap.files
        self.init(dialect: ValidationDialect(document.schemaDialect)) { uri in
            let path = URIReference(uri).path
            guard let root = files[path]?.root else { return nil }
            return (root, path)
        }
        for (path, file) in files {
            guard let root = file.root else { continue }
            registry.addDocument(root, uri: Self.fileURI(path), file: path, isSchema: false)
        }
        documentURI = document.sourceMap.mainFile.map(Self.fileURI)
        componentSchemas = Array(document.components.schemas.keys)
        for schema in document.components.schemas.values {
            registry.index(entry(for: schema))
        }
    }

    static func fileURI(_ path: String) -> URIReference {
        URIReference(scheme: "file", path: path)
    }

    private func entry(for schema: Schema) -> SchemaRegistry.Entry {
        SchemaRegistry.Entry(
            node: schema.node, file: schema.location.file, pointer: schema.location.pointer,
            base: Self.fileURI(schema.location.file), dialect: ValidationDialect(schema.dialect))
    }

    /// A validator for a schema of the OpenAPI document.
    public func validator(for schema: Schema) -> SchemaValidator {
        let entry = entry(for: schema)
        registry.index(entry)
        return finish(compile(entry))
    }

    /// A validator for a JSON Schema document (its root is the schema), known by `uri`.
    public func validator(forDocument node: Node, uri: String, file: String) -> SchemaValidator {
        let entry = registry.addDocument(node, uri: URIReference(uri), file: file)
        return finish(compile(entry))
    }

    private func finish(_ root: CompiledSchema) -> SchemaValidator {
        // Every resource reached may be entered at run time: compile its dynamic anchors now,
        // until compiling them reaches no new resource.
        var done: Set<String> = []
        while let (uri, resource) = resources.first(where: { !done.contains($0.key) }) {
            done.insert(uri)
            for name in registry.dynamicAnchorNames[uri] ?? [] {
                if let anchored = registry.anchors["\(uri)#\(name)"] {
                    resource.dynamicAnchors[name] = compile(anchored)
                }
            }
        }
        return SchemaValidator(root: root, tracksAnnotations: usesUnevaluated)
    }

    func report(_ message: String, at location: SchemaLocation) {
        let diagnostic = Diagnostic.error(message, at: location.mark, pointer: location.pointer.description)
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    private func resource(_ uri: String) -> SchemaResource {
        if let existing = resources[uri] { return existing }
        let created = SchemaResource(uri: uri)
        resources[uri] = created
        return created
    }

    /// Compiles the schema at `entry`, once: a schema reached again (recursion) is the same
    /// object, linked before its keywords are filled in.
    func compile(_ entry: SchemaRegistry.Entry) -> CompiledSchema {
        if let cached = cache[entry.node.id] { return cached }
        let location = SchemaLocation(file: entry.file, pointer: entry.pointer, mark: entry.node.mark)
        let schema = CompiledSchema(location: location)
        cache[entry.node.id] = schema
        var entry = entry
        // draft-04 and OpenAPI 3.0 allow booleans at additionalProperties and additionalItems;
        // reading `true`/`false` as schemas everywhere is the same there.
        if let value = entry.node.scalar?.bool, entry.node.scalarKind == .bool {
            schema.boolean = value
            return schema
        }
        guard entry.node.isMapping else {
            report("expected a schema (a mapping\(entry.dialect == .draft2020_12 ? " or a boolean" : "")), found \(entry.node.kindDescription)", at: location)
            schema.boolean = true
            return schema
        }
        let refHidesId = entry.dialect.refOverridesSiblings && entry.node["$ref"] != nil
        if !refHidesId, let id = entry.node[entry.dialect.idKeyword]?.string,
           !(entry.dialect != .draft2020_12 && id.hasPrefix("#")) {
            entry.base = URIReference(id).resolved(against: entry.base).withoutFragment
            entry.dialect = registry.dialect(of: entry.node, inheriting: entry.dialect)
            entry.validationVocabulary = registry.validationVocabulary(of: entry.node)
            entry.formatAssertion = registry.formatAssertion(of: entry.node)
        }
        // The resource the schema belongs to: evaluation enters it into the dynamic scope.
        schema.resource = resource(entry.base.description)
        KeywordCompiler(compiler: self, entry: entry, schema: schema).compileKeywords()
        return schema
    }

    /// Compiles the subschema at `node` below `entry`.
    func compile(_ node: Node, under entry: SchemaRegistry.Entry, at tokens: [String]) -> CompiledSchema {
        var child = entry
        child.node = node
        child.pointer = tokens.reduce(entry.pointer) { $0.appending($1) }
        return compile(child)
    }

    /// A link to the schema `ref` names, resolved against `entry`'s base URI.
    func link(_ ref: String, from entry: SchemaRegistry.Entry, at location: SchemaLocation) -> ReferenceLink {
        let link = ReferenceLink(ref: ref)
        guard let target = registry.resolve(ref, against: entry.base) else {
            link.problem = "cannot resolve '$ref: \(ref)'"
            report("cannot resolve '\(ref)' (from base \(entry.base)): expected a schema at that URI", at: location)
            return link
        }
        link.target = compile(target)
        return link
    }

    func noteUnevaluated() { usesUnevaluated = true }

    /// The implicit discriminator mapping of a parent schema: itself and every component
    /// schema whose `allOf` references it, by component name.
    func componentSchemaLinks(from entry: SchemaRegistry.Entry, at location: SchemaLocation) -> [String: ReferenceLink] {
        guard let documentURI else { return [:] }
        var links: [String: ReferenceLink] = [:]
        for name in componentSchemas {
            let ref = "\(documentURI)#" + JSONPointer(tokens: ["components", "schemas", name]).description
            guard let component = registry.resolve(ref, against: documentURI) else { continue }
            let isParent = component.node.id == entry.node.id
            let isChild = component.node["allOf"]?.sequence?.contains { branch in
                guard let branchRef = branch["$ref"]?.string else { return false }
                return registry.resolve(branchRef, against: component.base)?.node.id == entry.node.id
            } ?? false
            if isParent || isChild { links[name] = link(ref, from: entry, at: location) }
        }
        return links
    }
}
