import YAMLSource

/// A node together with the file and JSON pointer it sits at, as decoding walks the tree.
struct Position {
    var node: Node
    var pointer: JSONPointer
    /// The mark of the key the node is the value of: where a reader looks for an object
    /// (`get:`), one line above the first field where its mapping starts.
    var keyMark: Mark?

    init(node: Node, pointer: JSONPointer, keyMark: Mark? = nil) {
        self.node = node
        self.pointer = pointer
        self.keyMark = keyMark
    }

    /// The file the node was read from.
    var file: String { node.mark.file }

    /// Where the object is: at its key when it has one.
    var location: Location { Location(mark: keyMark ?? node.mark, pointer: pointer) }

    /// The value of a mapping entry.
    func child(_ entry: MappingEntry, named token: String) -> Position {
        Position(node: entry.value, pointer: pointer.appending(token), keyMark: entry.key.mark)
    }

    /// A node below this one that is not the value of an entry (a key, say).
    func child(_ token: String, _ node: Node) -> Position {
        Position(node: node, pointer: pointer.appending(token))
    }

    func child(_ index: Int, _ node: Node) -> Position {
        Position(node: node, pointer: pointer.appending(index))
    }

    /// How messages name the node: `'version'`, or `'tags[0]'` for an item of a sequence.
    var fieldName: String {
        let tokens = pointer.tokens
        guard let last = tokens.last else { return "the document" }
        if Int(last) != nil, tokens.count > 1 { return "'\(tokens[tokens.count - 2])[\(last)]'" }
        return "'\(last)'"
    }
}
