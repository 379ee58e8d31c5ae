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

        public init(maxDepth: Int = 256, maxAliasedNodes: Int = 1_000_000) {
            self.maxDepth = maxDepth
            self.maxAliasedNodes = maxAliasedNodes
        }
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses one file. The result holds the root node unless the text could not be parsed,
    /// and every problem found (a duplicate key still yields a tree, keeping the first value).
    public func parse(_ source: SourceFile) -> ParsedYAML {
        source.bytes.withUnsafeBufferPointer { buffer in
            var composer = Composer(source: source, limits: limits)
            return composer.run(buffer)
        }
    }
}

/// The outcome of parsing one file.
public struct ParsedYAML: Sendable {
    /// The document's root, unless the text could not be parsed.
    public var root: Node?
    public var diagnostics: [Diagnostic]

    public init(root: Node?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }
}
