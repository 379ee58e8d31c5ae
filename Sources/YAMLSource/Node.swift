/// One node of a YAML (or JSON) document: a scalar, a sequence or a mapping, with the mark
/// of the place it starts.
///
/// Aliases are already expanded and merge keys (`<<`) already applied, so consumers see plain
/// data; an expanded alias is the anchored node itself, mark included. A node is a handle into
/// its document's compact storage: copying one costs a reference count, and scalar text
/// becomes a `String` only when asked for.
public struct Node: Sendable {
    let storage: NodeStorage
    let index: Int32

    init(storage: NodeStorage, index: Int32) {
        self.storage = storage
        self.index = index
    }

    /// What the node holds.
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence(NodeList)
        /// Entries in document order.
        case mapping(EntryList)
    }

    private var record: NodeRecord { storage.records[Int(index)] }

    /// Where the node starts.
    public var mark: Mark {
        let record = record
        return Mark(fileID: storage.fileID, line: Int(record.line), column: Int(record.column))
    }

    /// Identifies the node within the process: equal for an alias and its anchored node.
    public var id: NodeID { NodeID(storage: ObjectIdentifier(storage), index: index) }

    /// What the node holds: a scalar, the items of a sequence, the entries of a mapping.
    public var content: Content {
        let record = record
        switch record.shape {
        case .sequence: return .sequence(NodeList(storage: storage, start: Int(record.start), count: Int(record.count)))
        case .mapping: return .mapping(EntryList(storage: storage, start: Int(record.start), count: Int(record.count)))
        case .scalar: return .scalar(makeScalar(record))
        }
    }

    private func makeScalar(_ record: NodeRecord) -> Scalar {
        Scalar(text: storage.text(record), style: record.style, tag: storage.tags[index], kind: record.kind)
    }

    /// The scalar, when the node is one.
    public var scalar: Scalar? {
        let record = record
        return record.shape == .scalar ? makeScalar(record) : nil
    }

    /// The items, when the node is a sequence.
    public var sequence: NodeList? {
        let record = record
        return record.shape == .sequence ? NodeList(storage: storage, start: Int(record.start), count: Int(record.count)) : nil
    }

    /// The entries, when the node is a mapping.
    public var mapping: EntryList? {
        let record = record
        return record.shape == .mapping ? EntryList(storage: storage, start: Int(record.start), count: Int(record.count)) : nil
    }

    /// Whether the node is a mapping, without making its entries.
    public var isMapping: Bool { record.shape == .mapping }
    /// Whether the node is a sequence, without making its items.
    public var isSequence: Bool { record.shape == .sequence }

    /// The scalar's resolved kind, without making its text.
    public var scalarKind: Scalar.Kind? {
        let record = record
        return record.shape == .scalar ? record.kind : nil
    }

    /// Whether this is a scalar whose text is exactly `text`; makes no `String`.
    public func hasText(_ text: String) -> Bool {
        let record = record
        guard record.shape == .scalar else { return false }
        return storage.textEquals(record, text)
    }

    /// The value of the first entry whose key is the scalar `key`, when this is a mapping.
    public subscript(key: String) -> Node? {
        guard let entries = mapping else { return nil }
        for entry in entries where entry.key.hasText(key) {
            return entry.value
        }
        return nil
    }

    /// The text of a string scalar (not of numbers, booleans or null).
    public var string: String? {
        let record = record
        guard record.shape == .scalar, record.kind == .string else { return nil }
        return storage.text(record)
    }

    /// A word for error messages: "a mapping", "a string", "an integer", ...
    public var kindDescription: String {
        let record = record
        switch record.shape {
        case .scalar: return record.kind.description
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        }
    }
}

/// Names one node for sets and caches (an alias and its anchored node share it).
public struct NodeID: Hashable, Sendable {
    let storage: ObjectIdentifier
    let index: Int32
}

/// A key and its value, in a mapping node.
public struct MappingEntry: Sendable {
    /// The key node (a scalar in every document this project reads).
    public var key: Node
    /// The value node.
    public var value: Node
}

/// The items of a sequence node.
public struct NodeList: RandomAccessCollection, Sendable {
    let storage: NodeStorage
    let start: Int
    /// How many items.
    public let count: Int

    /// Always 0.
    public var startIndex: Int { 0 }
    /// `count`.
    public var endIndex: Int { count }

    /// The item at `position`.
    public subscript(position: Int) -> Node {
        precondition(position >= 0 && position < count, "index out of range")
        return Node(storage: storage, index: storage.children[start + position])
    }
}

/// The entries of a mapping node, in document order.
public struct EntryList: RandomAccessCollection, Sendable {
    let storage: NodeStorage
    let start: Int
    /// How many entries.
    public let count: Int

    /// Always 0.
    public var startIndex: Int { 0 }
    /// `count`.
    public var endIndex: Int { count }

    /// The entry at `position`.
    public subscript(position: Int) -> MappingEntry {
        precondition(position >= 0 && position < count, "index out of range")
        let offset = start + 2 * position
        return MappingEntry(
            key: Node(storage: storage, index: storage.children[offset]),
            value: Node(storage: storage, index: storage.children[offset + 1]))
    }
}
