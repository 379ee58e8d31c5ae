/// Prints diagnostics the way compilers do: `file:line:col: error: message`, then the source
/// line and a caret under the column.
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: SourceFile]

    /// - Parameter sources: the files diagnostics may point into, to quote their lines.
    public init(sources: [SourceFile]) {
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var indexes: [String: SourceFile.LineIndex] = [:]
        return render(diagnostic, indexes: &indexes)
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        var indexes: [String: SourceFile.LineIndex] = [:]
        return diagnostics.map { render($0, indexes: &indexes) }.joined(separator: "\n")
    }

    /// Renders one diagnostic, indexing the lines of its file the first time it is quoted.
    private func render(_ diagnostic: Diagnostic, indexes: inout [String: SourceFile.LineIndex]) -> String {
        var text = diagnostic.description
        guard let mark = diagnostic.mark, let source = sources[mark.file] else { return text }
        if indexes[mark.file] == nil { indexes[mark.file] = SourceFile.LineIndex(source.bytes) }
        guard let line = indexes[mark.file]?.line(mark.line, of: source), !line.isEmpty else { return text }
        // Tabs stay tabs in the indent so the caret lines up in any terminal.
        let indent = line.unicodeScalars.prefix(max(mark.column - 1, 0)).map { $0 == "\t" ? "\t" : " " }.joined()
        text += "\n" + line + "\n" + indent + "^"
        return text
    }
}
