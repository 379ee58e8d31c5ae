import Synchronization

/// A position in a source file: the file as the user named it, with a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml does, so a caret printed under the source line
/// lands on the character the mark names. A mark holds no reference (the file name is
/// interned), so the nodes that carry one are cheap to copy.
public struct Mark: Hashable, Sendable, Comparable, CustomStringConvertible {
    let fileID: UInt32
    private let storedLine: UInt32
    private let storedColumn: UInt32

    /// A place in `file`, 1-based.
    public init(file: String, line: Int, column: Int) {
        self.init(fileID: FileNames.id(of: file), line: line, column: column)
    }

    init(fileID: UInt32, line: Int, column: Int) {
        self.fileID = fileID
        self.storedLine = UInt32(clamping: line)
        self.storedColumn = UInt32(clamping: column)
    }

    /// The file as the user (or the referring document) named it.
    public var file: String { FileNames.name(of: fileID) }
    /// 1-based line.
    public var line: Int { Int(storedLine) }
    /// 1-based column, in Unicode scalars.
    public var column: Int { Int(storedColumn) }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    /// By file, then line, then column.
    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        if lhs.fileID != rhs.fileID { return lhs.file < rhs.file }
        return (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }
}

/// The process's file names, each stored once and named by a small number in marks.
enum FileNames {
    private struct Table {
        var ids: [String: UInt32] = [:]
        var names: [String] = []
    }

    private static let table = Mutex(Table())

    static func id(of name: String) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[name] { return id }
            let id = UInt32(table.names.count)
            table.names.append(name)
            table.ids[name] = id
            return id
        }
    }

    static func name(of id: UInt32) -> String {
        table.withLock { $0.names[Int(id)] }
    }
}

extension Mark: Codable {
    private enum CodingKeys: String, CodingKey {
        case file, line, column
    }

    /// Reads `{"file", "line", "column"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file), line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column))
    }

    /// Writes `{"file", "line", "column"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}
