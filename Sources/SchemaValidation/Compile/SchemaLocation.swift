import OpenAPIModel
import YAMLSource

/// Where a schema keyword was written: its JSON pointer in its file and its mark, so every
/// validation error cites the spec line behind it.
public struct SchemaLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file (or, for a schema fetched by URI, the URI).
    public var file: String
    /// The keyword's JSON pointer in that file.
    public var pointer: JSONPointer
    /// Its line and column, when known.
    public var mark: Mark?

    /// A keyword's place.
    public init(file: String, pointer: JSONPointer, mark: Mark?) {
        self.file = file
        self.pointer = pointer
        self.mark = mark
    }

    func appending(_ token: String, mark: Mark?) -> SchemaLocation {
        SchemaLocation(file: file, pointer: pointer.appending(token), mark: mark ?? self.mark)
    }

    /// `#/pointer at file:line:col`.
    public var description: String { specLocation.description }
}

extension SchemaLocation {
    /// The keyword's place, as verdicts carry it.
    public var specLocation: SpecLocation {
        SpecLocation(kind: .keyword, file: file, mark: mark, pointer: pointer)
    }

    /// The keyword's place, when its line and column are known.
    public var markedPlace: SpecLocation? { mark == nil ? nil : specLocation }
}
