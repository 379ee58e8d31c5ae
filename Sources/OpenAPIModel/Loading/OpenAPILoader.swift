import YAMLSource

/// Loads an OpenAPI document and every file its `$ref`s name, through libyaml, into the
/// typed model; collects every problem instead of stopping at the first.
public struct OpenAPILoader: Sendable {
    /// The YAML parser every file is read with.
    public var parser: YAMLParser
    /// Whether to follow every `$ref` inside schemas (and load the files they name). Only the
    /// load benchmark turns this off, to time the stages apart.
    public var checksSchemaReferences = true
    /// Where documents named by `http(s)` URLs come from; `nil` (the default): such
    /// references are errors that say they were not fetched.
    public var remoteDocuments: (any RemoteDocumentSource)?

    /// A loader whose parser keeps to `limits`, remote references off.
    public init(limits: YAMLParser.Limits = YAMLParser.Limits()) {
        self.parser = YAMLParser(limits: limits)
    }

    /// Loads the document at `path` (YAML or JSON).
    public func load(file path: String) -> LoadResult {
        let registry = SourceRegistry(parser: parser, remote: remoteDocuments)
        guard let root = registry.root(ofFile: path, referencedAt: nil, ref: nil) else {
            return LoadResult(document: nil, diagnostics: registry.diagnostics, sourceMap: registry.map)
        }
        return decode(root, file: path, registry: registry)
    }

    /// Loads a document whose bytes are in hand; `$ref`s to other files are read relative to
    /// `source.path`.
    public func load(_ source: SourceFile) -> LoadResult {
        let registry = SourceRegistry(parser: parser, remote: remoteDocuments)
        guard let root = registry.add(source) else {
            return LoadResult(document: nil, diagnostics: registry.diagnostics, sourceMap: registry.map)
        }
        return decode(root, file: source.path, registry: registry)
    }

    private func decode(_ parsed: Node, file: String, registry: SourceRegistry) -> LoadResult {
        let isSwagger2 = parsed["swagger"] != nil && parsed["openapi"] == nil
        let root: Node
        if isSwagger2 {
            guard let converted = Swagger2Conversion.convert(parsed, report: { registry.report($0) }) else {
                return LoadResult(document: nil, diagnostics: registry.diagnostics, sourceMap: registry.map)
            }
            registry.replaceRoot(ofFile: file, with: converted)
            root = converted
        } else {
            root = parsed
        }
        let position = Position(node: root, pointer: .root)
        guard let (decoded, context) = DocumentDecoder.decode(position, registry: registry) else {
            return LoadResult(document: nil, diagnostics: registry.diagnostics, sourceMap: registry.map)
        }
        DocumentChecks.run(on: decoded, context)
        if checksSchemaReferences {
            var check = SchemaReferenceCheck(context: context)
            check.run(context.schemas)
        }
        var document = decoded
        document.sourceMap = registry.map
        if isSwagger2 { document.convertedFrom = "Swagger 2.0" }
        return LoadResult(
            document: document, diagnostics: registry.diagnostics, sourceMap: registry.map,
            documentationProblems: registry.documentationProblems)
    }
}

/// What loading a document gave: the model (unless the file was not an OpenAPI document at
/// all), every problem found, and the files read.
public struct LoadResult: Sendable {
    /// The model; `nil` when the file is not an OpenAPI document at all.
    public var document: OpenAPIDocument?
    /// In reading order: by file, line and column.
    public var diagnostics: [Diagnostic]
    /// The files read, for quoting lines and finding nodes.
    public var sourceMap: SourceMap
    /// Errors about documentation only (links): see `errorReaches()`.
    var documentationProblems: Set<Diagnostic>

    init(document: OpenAPIDocument?, diagnostics: [Diagnostic], sourceMap: SourceMap, documentationProblems: Set<Diagnostic> = []) {
        self.document = document
        self.diagnostics = diagnostics.sorted()
        self.sourceMap = sourceMap
        self.documentationProblems = documentationProblems
    }

    /// Whether any problem is an error (warnings do not count).
    public var hasErrors: Bool { diagnostics.containsError }
}
