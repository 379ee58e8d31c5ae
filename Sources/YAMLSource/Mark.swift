/// A position in a source file: the file as the user named it, with a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml does, so a caret printed under the source line
/// lands on the character the mark names.
public struct Mark: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the user (or the referring document) named it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
