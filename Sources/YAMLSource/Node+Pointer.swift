extension Node {
    /// The node a JSON pointer names below this one (mapping keys by text, sequence items by
    /// index); `nil` when the path does not exist.
    public func descendant(at pointer: JSONPointer) -> Node? {
        var node = self
        for token in pointer.tokens {
            switch node.content {
            case .mapping(let entries):
                guard let entry = entries.first(where: { $0.key.hasText(token) }) else { return nil }
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

extension Node {
    /// The pointer to the value node that starts at `mark` below this one, shallowest first;
    /// used to name the place of a problem found by a walk that did not track pointers.
    public func pointer(toNodeAt mark: Mark) -> JSONPointer? {
        var level: [(Node, JSONPointer)] = [(self, .root)]
        while !level.isEmpty {
            var next: [(Node, JSONPointer)] = []
            for (node, pointer) in level {
                if node.mark == mark { return pointer }
                switch node.content {
                case .scalar:
                    continue
                case .sequence(let items):
                    for (index, item) in items.enumerated() { next.append((item, pointer.appending(index))) }
                case .mapping(let entries):
                    for entry in entries {
                        guard case .scalar(let key) = entry.key.content else { continue }
                        next.append((entry.value, pointer.appending(key.text)))
                    }
                }
            }
            level = next
        }
        return nil
    }
}
