import OpenAPIModel
import OrderedCollections
import YAMLSource

/// Compiles schemas (OpenAPI component schemas, inline schemas, or JSON Schema documents)
/// into validators, once each: references are linked, patterns compiled, bounds decoded.
///
/// A compiler is used from one task. Each compile builds its schemas whole and then seals them
/// into an immutable segment; a validator reads only sealed segments, so a later compile never
/// changes what a running validator sees. Problems in a schema (a pattern that does not
/// compile, a reference that leads nowhere) are diagnostics with the schema's location, never
/// crashes.
public final class SchemaCompiler {
    let registry: SchemaRegistry
    private var cache: [NodeID: SchemaID] = [:]
    private var resourceIDs: [String: ResourceID] = [:]
    /// What earlier compiles sealed.
    private var segments: [SchemaSegment] = []
    /// This compile's schemas, each set once its keywords are built.
    private var open: [CompiledSchema?] = []
    private var openResources: [SchemaResource] = []
    private var reported: Set<Diagnostic> = []
    /// Component schema names of the OpenAPI document, for a discriminator's implicit mapping.
    private var componentSchemas: [String] = []
    private var documentURI: URIReference?
    /// Whether any compiled schema uses `unevaluatedProperties`/`unevaluatedItems`, which
    /// makes evaluation collect annotations.
    private(set) var usesUnevaluated = false
    /// Whether the current compile met a 2020-12 schema (the only dialect with dynamic anchors).
    private var compiledDraft2020 = false

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
            registry.deferIndex(entry(for: schema))
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

    private func finish(_ root: SchemaID) -> SchemaValidator {
        // Every resource reached may be entered at run time: compile the dynamic anchors of
        // this compile's resources, until compiling them reaches no new resource.
        // Only 2020-12 schemas declare dynamic anchors: a compile that met none (an OpenAPI
        // 3.0 document's) has none to look for, and leaves the deferred index unwalked.
        var done = compiledDraft2020 ? 0 : openResources.count
        compiledDraft2020 = false
        while done < openResources.count {
            let uri = openResources[done].uri
            for name in registry.dynamicAnchorNames(of: uri) {
                if let anchored = registry.anchor("\(uri)#\(name)") {
                    let anchor = compile(anchored)
                    openResources[done].dynamicAnchors[name] = anchor
                }
            }
            done += 1
        }
        if !open.isEmpty || !openResources.isEmpty {
            segments.append(SchemaSegment(schemas: open.map { $0! }, resources: openResources))
            open = []
            openResources = []
        }
        return SchemaValidator(graph: SchemaGraph(segments: segments), root: root, tracksAnnotations: usesUnevaluated)
    }

    /// The segment this compile's schemas will be sealed into.
    private var openSegment: UInt32 { UInt32(segments.count) }

    func report(_ message: String, at location: SchemaLocation) {
        let diagnostic = Diagnostic.error(message, at: location.mark, pointer: location.pointer.description)
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    private func resource(_ uri: String) -> ResourceID {
        if let existing = resourceIDs[uri] { return existing }
        let created = ResourceID(segment: openSegment, index: UInt32(openResources.count))
        openResources.append(SchemaResource(uri: uri))
        resourceIDs[uri] = created
        return created
    }

    /// Compiles the schema at `entry`, once: a schema reached again (recursion) is the same
    /// id, given before its keywords are built.
    func compile(_ entry: SchemaRegistry.Entry) -> SchemaID {
        if let cached = cache[entry.node.id] { return cached }
        let location = SchemaLocation(file: entry.file, pointer: entry.pointer, mark: entry.node.mark)
        let id = SchemaID(segment: openSegment, index: UInt32(open.count))
        let slot = open.count
        open.append(nil)
        cache[entry.node.id] = id
        var entry = entry
        // draft-04 and OpenAPI 3.0 allow booleans at additionalProperties and additionalItems;
        // reading `true`/`false` as schemas everywhere is the same there.
        if let value = entry.node.scalar?.bool, entry.node.scalarKind == .bool {
            open[slot] = CompiledSchema(location: location, boolean: value)
            return id
        }
        guard entry.node.isMapping else {
            report(
                "expected a schema (a mapping\(entry.dialect == .draft2020_12 ? " or a boolean" : "")), found \(entry.node.kindDescription)",
                at: location)
            open[slot] = CompiledSchema(location: location, boolean: true)
            return id
        }
        let refHidesId = entry.dialect.refOverridesSiblings && entry.node["$ref"] != nil
        if !refHidesId, let uri = entry.node[entry.dialect.idKeyword]?.string,
            !(entry.dialect != .draft2020_12 && uri.hasPrefix("#"))
        {
            entry.base = URIReference(uri).resolved(against: entry.base).withoutFragment
            entry.dialect = registry.dialect(of: entry.node, inheriting: entry.dialect)
            entry.validationVocabulary = registry.validationVocabulary(of: entry.node)
            entry.formatAssertion = registry.formatAssertion(of: entry.node)
        }
        if entry.dialect == .draft2020_12 { compiledDraft2020 = true }
        // The resource the schema belongs to: evaluation enters it into the dynamic scope.
        let resource = resource(entry.base.description)
        let built = KeywordCompiler(compiler: self, entry: entry, location: location).compileKeywords()
        // An annotation, never an assertion: what a multipart part of this schema is sent as.
        let fileMediaType = entry.node["contentMediaType"]?.string ?? (entry.node["format"]?.string == "binary" ? "application/octet-stream" : nil)
        open[slot] = CompiledSchema(
            location: location, keywords: built.keywords, resource: resource,
            example: built.example, fileMediaType: fileMediaType)
        return id
    }

    /// Compiles the subschema at `node` below `entry`.
    func compile(_ node: Node, under entry: SchemaRegistry.Entry, at tokens: [String]) -> SchemaID {
        var child = entry
        child.node = node
        child.pointer = tokens.reduce(entry.pointer) { $0.appending($1) }
        return compile(child)
    }

    /// A reference to the schema `ref` names, resolved against `entry`'s base URI.
    func link(_ ref: String, from entry: SchemaRegistry.Entry, at location: SchemaLocation) -> SchemaReference {
        guard let target = registry.resolve(ref, against: entry.base) else {
            report("cannot resolve '\(ref)' (from base \(entry.base)): expected a schema at that URI", at: location)
            return SchemaReference(ref: ref, target: nil, problem: "cannot resolve '$ref: \(ref)'")
        }
        return SchemaReference(ref: ref, target: compile(target), problem: nil)
    }

    func noteUnevaluated() { usesUnevaluated = true }

    /// The scalar plan of a schema already built (one still being built, reached through
    /// recursion, has none yet: the quick check then looks it up).
    func scalarPlan(of id: SchemaID) -> ScalarPlan? {
        if id.segment == openSegment { return open[Int(id.index)]?.scalarPlan }
        return segments[Int(id.segment)].schemas[Int(id.index)].scalarPlan
    }

    /// The implicit discriminator mapping of a parent schema: itself and every component
    /// schema whose `allOf` references it, by component name.
    func componentSchemaLinks(from entry: SchemaRegistry.Entry, at location: SchemaLocation) -> [String: SchemaReference] {
        guard let documentURI else { return [:] }
        var links: [String: SchemaReference] = [:]
        for name in componentSchemas {
            let ref = "\(documentURI)#" + JSONPointer(tokens: ["components", "schemas", name]).description
            guard let component = registry.resolve(ref, against: documentURI) else { continue }
            let isParent = component.node.id == entry.node.id
            let isChild =
                component.node["allOf"]?.sequence?.contains { branch in
                    guard let branchRef = branch["$ref"]?.string else { return false }
                    return registry.resolve(branchRef, against: component.base)?.node.id == entry.node.id
                } ?? false
            if isParent || isChild { links[name] = link(ref, from: entry, at: location) }
        }
        return links
    }
}
