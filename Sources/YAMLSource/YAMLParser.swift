/// Parses YAML (and JSON, a subset of it) with the system libyaml into a `Node` tree.
///
/// One document per file. Aliases are expanded within a budget and nesting depth is bounded,
/// so hostile input fails fast with a diagnostic instead of exhausting memory or the stack.
public struct YAMLParser: Sendable {
    /// Bounds that keep hostile documents from exhausting memory or the stack.
    public struct Limits: Sendable {
        /// Deepest nesting of sequences and mappings accepted.
        public var maxDepth: Int
        /// Most nodes that alias expansion may add to the tree, in all.
        public var maxAliasedNodes: Int

        /// Limits against hostile documents: nesting depth and nodes reached through aliases.
        public init(maxDepth: Int = 256, maxAliasedNodes: Int = 1_000_000) {
            self.maxDepth = maxDepth
            self.maxAliasedNodes = maxAliasedNodes
        }
    }

    /// The limits this parser keeps to.
    public var limits: Limits

    /// A parser with these limits.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses one file. The result holds the root node unless the text could not be parsed,
    /// and every problem found (a duplicate key still yields a tree, keeping the first value).
    /// A file of the tool's own (a rules file, a baseline, a configuration) read and parsed:
    /// its root when it reads without error, the source its diagnostics quote, and them.
    public func parse(file: String) -> (root: Node?, source: SourceFile?, diagnostics: [Diagnostic]) {
        let source: SourceFile
        do {
            source = try SourceFile(contentsOf: file)
        } catch {
            return (nil, nil, [error])
        }
        let parsed = parse(source)
        return (parsed.diagnostics.containsError ? nil : parsed.root, source, parsed.diagnostics)
    }

    /// The node tree of `source`, with every problem libyaml or the limits found.
    public func parse(_ source: SourceFile) -> ParsedYAML {
        let parsed = compose(source, bytes: source.bytes)
        // JSON writes characters beyond U+FFFF as UTF-16 surrogate escapes (`\ud83d\ude00`),
        // which YAML does not accept; read them as YAML's `\U0001F600` and parse again.
        if parsed.root == nil, parsed.diagnostics.first?.message.hasPrefix("found invalid Unicode character escape code") == true,
            let rewritten = SurrogateEscapes.rewrite(source.bytes)
        {
            let retried = compose(source, bytes: rewritten)
            if retried.root != nil { return retried }
        }
        return parsed
    }

    private func compose(_ source: SourceFile, bytes: [UInt8]) -> ParsedYAML {
        bytes.withUnsafeBufferPointer { buffer in
            var composer = Composer(source: source, limits: limits)
            return composer.run(buffer)
        }
    }
}

/// The outcome of parsing one file.
public struct ParsedYAML: Sendable {
    /// The document's root, unless the text could not be parsed.
    public var root: Node?
    /// Problems found while parsing; errors mean `root` may be missing.
    public var diagnostics: [Diagnostic]

    /// A parse result.
    public init(root: Node?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }
}
