import YAMLSource

/// Where a model object was written: its mark and its JSON pointer inside that file.
public struct Location: Hashable, Sendable, CustomStringConvertible {
    /// The line and column.
    public var mark: Mark
    /// The JSON pointer inside that file.
    public var pointer: JSONPointer

    /// A place.
    public init(mark: Mark, pointer: JSONPointer) {
        self.mark = mark
        self.pointer = pointer
    }

    /// The file.
    public var file: String { mark.file }

    /// `file:line:col (#/pointer)`.
    public var description: String { "\(mark) (#\(pointer))" }
}

/// A `$ref` that was followed: what was written, where, and where it led.
public struct Reference: Hashable, Sendable {
    /// The reference as written, e.g. `#/components/schemas/Pet` or `common.yaml#/Error`.
    public var ref: String
    /// Where the `$ref` was written.
    public var mark: Mark
    /// The object it resolved to.
    public var target: Location

    /// A followed `$ref`.
    public init(ref: String, mark: Mark, target: Location) {
        self.ref = ref
        self.mark = mark
        self.target = target
    }
}
