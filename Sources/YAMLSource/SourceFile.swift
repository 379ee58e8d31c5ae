/// The bytes of one loaded file, kept so diagnostics can quote the offending line.
public struct SourceFile: Sendable {
    /// The path as the user (or the referring document) named it; marks carry the same string.
    public let path: String
    /// The file's bytes, as read.
    public let bytes: [UInt8]

    /// A file of these bytes, named `path`.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// A file of this text, named `path`.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The text of a 1-based line, without its line break; `nil` past the end.
    public func line(_ number: Int) -> String? {
        LineIndex(bytes).line(number, of: self)
    }

    /// Where each line starts, for quoting many lines of one file (one pass, not one per line).
    public struct LineIndex: Sendable {
        /// The byte offset of each line's first byte; line 1 at offset 0.
        let starts: [Int]

        /// The line starts of `bytes`, found once.
        public init(_ bytes: [UInt8]) {
            var starts = [0]
            bytes.withUnsafeBufferPointer { buffer in
                for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
            }
            self.starts = starts
        }

        /// The text of a 1-based line of `file` (the file this index was made from), without
        /// its line break; `nil` past the end.
        public func line(_ number: Int, of file: SourceFile) -> String? {
            guard number >= 1, number <= starts.count else { return nil }
            let bytes = file.bytes
            let start = starts[number - 1]
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    public func position(ofByteOffset offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Count scalars, not bytes: continuation bytes (10xxxxxx) do not start a character.
        let column = bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return (line, column)
    }
}
