import Foundation

/// Where the command line prints what is not its result.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The progress line, rewritten in place on a terminal; `nil` clears it.
    static func progress(_ text: String?) {
        let line = text.map { String($0.prefix(100)) } ?? ""
        FileHandle.standardOutput.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    /// A line on standard output, written at once (not buffered), for scripts that wait on it.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
