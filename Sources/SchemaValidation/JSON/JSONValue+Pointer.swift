import YAMLSource

extension JSONValue {
    /// The value a JSON pointer names, if it exists.
    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// This value with the member or item at `pointer` replaced (or, for a missing object
    /// member, added); `nil` removes it. Paths through missing containers are left alone.
    public func setting(_ value: JSONValue?, at pointer: JSONPointer) -> JSONValue {
        guard let first = pointer.tokens.first else { return value ?? .null }
        let rest = JSONPointer(tokens: Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(let object):
            var members = object.members
            if let index = members.firstIndex(where: { $0.key == first }) {
                if rest.tokens.isEmpty, value == nil {
                    members.remove(at: index)
                } else {
                    members[index].value = members[index].value.setting(value, at: rest)
                }
            } else if rest.tokens.isEmpty, let value {
                members.append(JSONObject.Member(first, value))
            }
            return .object(JSONObject(members))
        case .array(var items):
            guard let index = Int(first), items.indices.contains(index) else { return self }
            if rest.tokens.isEmpty, value == nil {
                items.remove(at: index)
            } else {
                items[index] = items[index].setting(value, at: rest)
            }
            return .array(items)
        default:
            return self
        }
    }

    /// This value with several changes made; changes to top-level members of an object are
    /// made in one pass (the mock fills a handful of members in every answer).
    public func setting(_ changes: [(pointer: JSONPointer, value: JSONValue?)]) -> JSONValue {
        guard case .object(let object) = self, changes.allSatisfy({ $0.pointer.tokens.count == 1 }) else {
            return changes.reduce(self) { $0.setting($1.value, at: $1.pointer) }
        }
        var members = object.members
        for (pointer, value) in changes {
            let name = pointer.tokens[0]
            if let index = members.firstIndex(where: { $0.key == name }) {
                if let value { members[index].value = value } else { members.remove(at: index) }
            } else if let value {
                members.append(JSONObject.Member(name, value))
            }
        }
        return .object(JSONObject(members))
    }
}
