/// The keywords about arrays: their size and uniqueness (`maxItems`, `minItems`,
/// `uniqueItems`), and the schemas their items meet (`prefixItems`, `items`, `contains`,
/// `unevaluatedItems`). Values that are not arrays meet them all. Both passes are here: the
/// quick one answers, the full one explains and records what it evaluated.
enum ArrayKeywords {
    /// Whether `instance` meets a size or uniqueness keyword.
    @inline(__always) static func holds(_ keyword: Keyword, _ instance: JSONValue) -> Bool {
        guard case .array(let items) = instance else { return true }
        switch keyword.kind {
        case .maxItems(let limit): return items.count <= limit
        case .minItems(let limit): return items.count >= limit
        case .uniqueItems: return firstRepeat(in: items) == nil
        default: return true
        }
    }

    /// Why `instance` does not meet a size or uniqueness keyword; `nil` when it does.
    @inline(__always) static func failure(_ keyword: Keyword, _ instance: JSONValue) -> String? {
        guard case .array(let items) = instance, !holds(keyword, instance) else { return nil }
        switch keyword.kind {
        case .maxItems(let limit): return "expected at most \(limit) items, found \(items.count)"
        case .minItems(let limit): return "expected at least \(limit) items, found \(items.count)"
        case .uniqueItems:
            guard let repeated = firstRepeat(in: items) else { return nil }
            return "expected unique items, found item \(repeated.index) equal to item \(repeated.first)"
        default: return nil
        }
    }

    /// `uniqueItems`: the first item equal to an earlier one, with that earlier one's index.
    static func firstRepeat(in items: [JSONValue]) -> (index: Int, first: Int)? {
        var seen: [JSONValue: Int] = [:]
        for (index, item) in items.enumerated() {
            if let first = seen[item] { return (index, first) }
            seen[item] = index
        }
        return nil
    }
}

extension QuickCheck {
    /// `prefixItems`, `items`, `contains`: whether the items meet their schemas.
    @inline(__always) mutating func checkItems(_ keyword: Keyword, _ items: [JSONValue], depth: Int, nesting: Int) -> Bool? {
        switch keyword.kind {
        case .prefixItems(let schemas):
            return all(zip(schemas, items).lazy.map { (schema: $0.0, value: $0.1) }, depth: depth + 1, nesting: nesting)
        case .items(let schema, let start):
            return all(items.dropFirst(start).lazy.map { (schema: schema, value: $0) }, depth: depth + 1, nesting: nesting)
        case .contains(let schema, let minimum, let maximum):
            var matched = 0
            for item in items {
                guard let valid = check(schema, item, depth: depth + 1, nesting: nesting) else { return nil }
                if valid { matched += 1 }
            }
            return matched >= minimum && maximum.map { matched <= $0 } ?? true
        default:
            // `unevaluatedItems` needs what the other keywords evaluated: only the full pass knows.
            return nil
        }
    }
}

extension Evaluator {
    /// `prefixItems`, `items`, `contains`, `unevaluatedItems`: every item against its schemas,
    /// each failure explained, what was evaluated recorded for `unevaluatedItems`.
    @inline(__always) static func evaluateItems(
        _ keyword: Keyword, _ items: [JSONValue], _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        switch keyword.kind {
        case .prefixItems(let schemas):
            var valid = true
            for (index, item) in items.prefix(schemas.count).enumerated() {
                if !child(schemas[index], item, token: .index(index), &context) { valid = false }
            }
            if context.tracksAnnotations { evaluated.items = max(evaluated.items, min(items.count, schemas.count)) }
            return valid
        case .items(let schema, let start):
            var valid = true
            for index in items.indices.dropFirst(start) {
                if !child(schema, items[index], token: .index(index), &context) { valid = false }
            }
            if context.tracksAnnotations { evaluated.allItems = true }
            return valid
        case .contains(let schema, let minimum, let maximum):
            var matched: [Int] = []
            for (index, item) in items.enumerated() {
                context.path.append(.index(index))
                var ignored = Evaluated()
                if quietly(schema, item, &context, &ignored) { matched.append(index) }
                context.path.removeLast()
            }
            if context.tracksAnnotations { evaluated.containedItems.formUnion(matched) }
            if matched.count < minimum {
                context.fail(keyword, "expected at least \(minimum) item\(minimum == 1 ? "" : "s") to match 'contains', found \(matched.count)")
                return false
            }
            if let maximum, matched.count > maximum {
                context.fail(keyword, "expected at most \(maximum) items to match 'contains', found \(matched.count)")
                return false
            }
            return true
        case .unevaluatedItems(let schema):
            guard !evaluated.allItems else { return true }
            var valid = true
            for index in items.indices.dropFirst(evaluated.items) where !evaluated.containedItems.contains(index) {
                if !child(schema, items[index], token: .index(index), &context) { valid = false }
            }
            if valid { evaluated.allItems = true }
            return valid
        default:
            return true
        }
    }
}
