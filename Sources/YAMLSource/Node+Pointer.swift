extension Node {
    /// The node a JSON pointer names below this one (mapping keys by text, sequence items by
    /// index); `nil` when the path does not exist.
    public func descendant(at pointer: JSONPointer) -> Node? {
        var node = self
        for token in pointer.tokens {
            switch node.content {
            case .mapping(let entries):
                guard let entry = entries.first(where: { $0.key.scalar?.text == token }) else { return nil }
                node = entry.value
            case .sequence(let items):
                guard let index = Int(token), index >= 0, index < items.count,
                      token == String(index)
                else { return nil }
                node = items[index]
            case .scalar:
                return nil
            }
        }
        return node
    }
}
