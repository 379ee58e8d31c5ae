/// One node of a YAML (or JSON) document: a scalar, a sequence or a mapping, with the mark
/// of the place it starts.
///
/// Aliases are already expanded and merge keys (`<<`) already applied, so consumers see plain
/// data; the mark of an expanded alias is that of the anchored node it repeats.
public struct Node: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        /// Entries in document order.
        case mapping([MappingEntry])
    }

    public var content: Content
    /// Where the node starts.
    public var mark: Mark

    public init(_ content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [MappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The value of the first entry whose key is the scalar `key`, when this is a mapping.
    public subscript(key: String) -> Node? {
        guard case .mapping(let entries) = content else { return nil }
        for entry in entries where entry.key.scalar?.text == key {
            return entry.value
        }
        return nil
    }

    /// The text of a string scalar (not of numbers, booleans or null).
    public var string: String? {
        guard let scalar, scalar.kind == .string else { return nil }
        return scalar.text
    }

    /// A word for error messages: "a mapping", "a string", "an integer", ...
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.kind.description
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}

/// A key and its value, in a mapping node.
public struct MappingEntry: Sendable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}
