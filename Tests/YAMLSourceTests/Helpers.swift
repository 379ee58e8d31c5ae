@testable import YAMLSource

/// Parses text as the file `test.yaml`.
func parse(_ text: String, limits: YAMLParser.Limits = .init()) -> ParsedYAML {
    YAMLParser(limits: limits).parse(SourceFile(path: "test.yaml", text: text))
}

/// The one-line form of every diagnostic, for exact comparison.
func messages(_ parsed: ParsedYAML) -> [String] {
    parsed.diagnostics.map(\.description)
}

extension Node {
    /// A plain rendering of the tree (mapping keys in order), for comparing structures.
    var plain: String {
        switch content {
        case .scalar(let scalar): scalar.kind == .string ? "\"\(scalar.text)\"" : scalar.text
        case .sequence(let items): "[" + items.map(\.plain).joined(separator: ", ") + "]"
        case .mapping(let entries): "{" + entries.map { "\($0.key.plain): \($0.value.plain)" }.joined(separator: ", ") + "}"
        }
    }
}
