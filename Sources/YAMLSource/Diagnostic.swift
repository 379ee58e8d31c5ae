/// A problem found in an input, reported by any stage of the pipeline.
///
/// Stages never print: they return diagnostics, and the command line decides how to show them.
/// Each says what was expected, where (file:line:column) and, inside a JSON or YAML document,
/// at which JSON pointer.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How bad a problem is; only errors make a document unusable.
    public enum Severity: String, Hashable, Sendable, Comparable {
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        /// Warnings before errors.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Whether it stops the document being used.
    public var severity: Severity
    /// A sentence that says what was expected and what was found.
    public var message: String
    /// Where the problem is; `nil` only for problems with no source (an unreadable path, say).
    public var mark: Mark?
    /// The JSON pointer of the offending node inside its document, when it has one.
    public var pointer: String?

    /// A problem at `mark` (and `pointer`, when known).
    public init(_ severity: Severity, _ message: String, at mark: Mark?, pointer: String? = nil) {
        self.severity = severity
        self.message = message
        self.mark = mark
        self.pointer = pointer
    }

    /// An error at `mark`.
    public static func error(_ message: String, at mark: Mark?, pointer: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: mark, pointer: pointer)
    }

    /// A warning at `mark`.
    public static func warning(_ message: String, at mark: Mark?, pointer: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: mark, pointer: pointer)
    }

    /// `file:line:col: error: message (at #/json/pointer)`, one line.
    public var description: String {
        var text = mark.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let pointer { text += " (at #\(pointer))" }
        return text
    }
}

extension Diagnostic: Comparable {
    /// Orders by file and position, so collected diagnostics print in reading order.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.mark, rhs.mark) {
        case let (l?, r?) where l != r: l < r
        case (nil, _?): true
        case (_?, nil): false
        default: lhs.message < rhs.message
        }
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of these is an error.
    public var containsError: Bool { contains { $0.severity == .error } }
}
