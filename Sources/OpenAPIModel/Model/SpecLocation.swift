import YAMLSource

/// The place in the contract's files that a verdict stands on: an object of the document, a
/// schema keyword or a business rule, by file, line and column and, where it has one, its JSON
/// pointer. Reports show it in words; tools read its parts.
public struct SpecLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of place it is, which decides how it reads.
    public enum Kind: String, Sendable, Codable {
        /// An object of the document: `file:line:col (#/pointer)`.
        case object
        /// A schema keyword: `#/pointer at file:line:col`, its pointer first because it names
        /// the keyword.
        case keyword
        /// A rule of the business rules file: `file:line:col`.
        case rule
    }

    /// What kind of place.
    public var kind: Kind
    /// The file (or, for a schema fetched by URI, the URI).
    public var file: String
    /// Its line and column, when known.
    public var mark: Mark?
    /// Its JSON pointer in `file`, when it has one.
    public var pointer: JSONPointer?

    /// A place of `kind`.
    public init(kind: Kind, file: String, mark: Mark?, pointer: JSONPointer?) {
        self.kind = kind
        self.file = file
        self.mark = mark
        self.pointer = pointer
    }

    /// An object of the document.
    public init(_ location: Location) {
        self.init(kind: .object, file: location.file, mark: location.mark, pointer: location.pointer)
    }

    /// A rule of the business rules file.
    public static func rule(_ mark: Mark) -> SpecLocation {
        SpecLocation(kind: .rule, file: mark.file, mark: mark, pointer: nil)
    }

    /// As reports write it.
    public var description: String {
        switch kind {
        case .object, .rule:
            (mark?.description ?? file) + (pointer.map { " (#\($0))" } ?? "")
        case .keyword:
            "#\(pointer ?? .root)" + (mark.map { " at \($0)" } ?? " in \(file)")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case kind, file, line, column, pointer
    }

    /// Reads the form `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        file = try container.decode(String.self, forKey: .file)
        if let line = try container.decodeIfPresent(Int.self, forKey: .line) {
            mark = Mark(file: file, line: line, column: try container.decodeIfPresent(Int.self, forKey: .column) ?? 1)
        }
        pointer = try container.decodeIfPresent(JSONPointer.self, forKey: .pointer)
    }

    /// `{"kind", "file", "line", "column", "pointer"}`, each part by itself.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(file, forKey: .file)
        try container.encodeIfPresent(mark?.line, forKey: .line)
        try container.encodeIfPresent(mark?.column, forKey: .column)
        try container.encodeIfPresent(pointer, forKey: .pointer)
    }
}
