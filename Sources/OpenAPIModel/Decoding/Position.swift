import YAMLSource

/// A node together with the JSON pointer it sits at, as decoding walks the tree.
///
/// The pointer is kept as a chain of tokens that share their parents, so stepping into a field
/// costs one small allocation; the `JSONPointer` is made only for a location or a message.
struct Position {
    var node: Node
    private var path: PointerPath?
    /// The mark of the key the node is the value of: where a reader looks for an object
    /// (`get:`), one line above the first field where its mapping starts.
    var keyMark: Mark?

    init(node: Node, pointer: JSONPointer, keyMark: Mark? = nil) {
        self.node = node
        self.path = pointer.tokens.reduce(nil) { PointerPath(parent: $0, token: $1) }
        self.keyMark = keyMark
    }

    private init(node: Node, path: PointerPath?, keyMark: Mark?) {
        self.node = node
        self.path = path
        self.keyMark = keyMark
    }

    var pointer: JSONPointer { path?.pointer ?? .root }

    /// The last token of the pointer, without making the pointer.
    var lastToken: String? { path?.token }

    /// The file the node was read from.
    var file: String { node.mark.file }

    /// Where the object is: at its key when it has one.
    var location: Location { Location(mark: keyMark ?? node.mark, pointer: pointer) }

    /// The value of a mapping entry.
    func child(_ entry: MappingEntry, named token: String) -> Position {
        Position(node: entry.value, path: PointerPath(parent: path, token: token), keyMark: entry.key.mark)
    }

    /// A node below this one that is not the value of an entry (a key, say).
    func child(_ token: String, _ node: Node) -> Position {
        Position(node: node, path: PointerPath(parent: path, token: token), keyMark: nil)
    }

    func child(_ index: Int, _ node: Node) -> Position {
        child(String(index), node)
    }

    /// How messages name the node: `'version'`, or `'tags[0]'` for an item of a sequence.
    var fieldName: String {
        guard let last = path?.token else { return "the document" }
        if Int(last) != nil, let parent = path?.parent?.token { return "'\(parent)[\(last)]'" }
        return "'\(last)'"
    }
}

/// One token of a pointer and the path before it.
final class PointerPath: Sendable {
    let parent: PointerPath?
    let token: String

    init(parent: PointerPath?, token: String) {
        self.parent = parent
        self.token = token
    }

    var pointer: JSONPointer {
        var tokens: [String] = []
        var current: PointerPath? = self
        while let step = current {
            tokens.append(step.token)
            current = step.parent
        }
        return JSONPointer(tokens: tokens.reversed())
    }
}
