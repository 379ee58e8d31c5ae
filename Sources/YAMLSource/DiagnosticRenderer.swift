/// Prints diagnostics the way compilers do: `file:line:col: error: message`, then the source
/// line and a caret under the column. A long line (a document served as one line of JSON) is
/// quoted as a window around the column, with `…` where it is cut.
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: SourceFile]

    /// - Parameter sources: the files diagnostics may point into, to quote their lines.
    public init(sources: [SourceFile]) {
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One diagnostic as the terminal shows it: its line, the source line quoted, a caret under the place.
    public func render(_ diagnostic: Diagnostic) -> String {
        var indexes: [String: SourceFile.LineIndex] = [:]
        return render(diagnostic, indexes: &indexes)
    }

    /// Each diagnostic rendered, one after another.
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
        let (quoted, caretAt) = Self.window(line, column: max(mark.column - 1, 0))
        // Tabs stay tabs in the indent so the caret lines up in any terminal.
        let indent = quoted.unicodeScalars.prefix(caretAt).map { $0 == "\t" ? "\t" : " " }.joined()
        text += "\n" + quoted + "\n" + indent + "^"
        return text
    }

    /// The most of a line a diagnostic quotes, in characters.
    public static let quotedWidth = 120

    /// The part of `line` to quote and where its caret goes: the whole line when it is short,
    /// else `quotedWidth` characters around the column, cut ends shown as `…`.
    static func window(_ line: String, column: Int) -> (text: String, caret: Int) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > quotedWidth else { return (line, column) }
        let column = min(column, scalars.count)
        let start = max(0, min(column - quotedWidth / 2, scalars.count - quotedWidth))
        let end = min(scalars.count, start + quotedWidth)
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        var caret = column - start
        if start > 0 {
            text = "…" + text
            caret += 1
        }
        if end < scalars.count { text += "…" }
        return (text, caret)
    }
}
