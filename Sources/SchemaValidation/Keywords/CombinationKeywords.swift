/// `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`: schemas combined over one value.
/// Both passes are here: the quick one answers (`nil` when a branch cannot tell), the full one
/// explains and keeps what the matching branches evaluated.
extension QuickCheck {
    @inline(__always) mutating func checkCombination(_ keyword: Keyword, _ instance: JSONValue, depth: Int, nesting: Int) -> Bool? {
        switch keyword.kind {
        case .allOf(let schemas):
            return all(schemas.lazy.map { (schema: $0, value: instance) }, depth: depth, nesting: nesting)
        case .anyOf(let schemas):
            var verdict: Bool? = false
            for schema in schemas {
                switch check(schema, instance, depth: depth, nesting: nesting) {
                case true?: return true
                case nil: verdict = nil
                case false?: continue
                }
            }
            return verdict
        case .oneOf(let schemas):
            var matched = 0
            var unknown = false
            for schema in schemas {
                switch check(schema, instance, depth: depth, nesting: nesting) {
                case true?: matched += 1
                case nil: unknown = true
                case false?: continue
                }
                if matched > 1 { return false }
            }
            return unknown ? nil : matched == 1
        case .not(let schema):
            return check(schema, instance, depth: depth, nesting: nesting).map { !$0 }
        case .conditional(let condition, let then, let otherwise):
            guard let holds = check(condition, instance, depth: depth, nesting: nesting) else { return nil }
            guard let next = holds ? then : otherwise else { return true }
            return check(next, instance, depth: depth, nesting: nesting)
        default:
            return nil
        }
    }
}

extension Evaluator {
    @inline(__always) static func evaluateCombination(
        _ keyword: Keyword, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        switch keyword.kind {
        case .allOf(let schemas):
            var valid = true
            for schema in schemas where !evaluate(schema, instance, &context, &evaluated) { valid = false }
            return valid
        case .anyOf(let schemas):
            return anyOf(schemas, keyword, instance, &context, &evaluated)
        case .oneOf(let schemas):
            return oneOf(schemas, keyword, instance, &context, &evaluated)
        case .not(let schema):
            var ignored = Evaluated()
            guard quietly(schema, instance, &context, &ignored) else { return true }
            context.fail(keyword, "expected the value not to match the 'not' schema, found \(instance.truncatedText())")
            return false
        case .conditional(let condition, let then, let otherwise):
            var conditionEvaluated = Evaluated()
            if quietly(condition, instance, &context, &conditionEvaluated) {
                evaluated.merge(conditionEvaluated)
                return then.map { evaluate($0, instance, &context, &evaluated) } ?? true
            }
            return otherwise.map { evaluate($0, instance, &context, &evaluated) } ?? true
        default:
            return true
        }
    }

    /// `anyOf` (and a discriminator's alternatives): at least one schema matches; the
    /// branches' errors are kept only when none does.
    static func anyOf(
        _ schemas: [SchemaID], _ keyword: Keyword, _ instance: JSONValue,
        _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        let kept = context.errors.count
        var matched = 0
        for schema in schemas where evaluate(schema, instance, &context, &evaluated) { matched += 1 }
        if matched > 0 {
            context.errors.removeSubrange(kept...)
            return true
        }
        context.errors.insert(
            ValidationError(
                instancePointer: context.pointer, keyword: "anyOf",
                message: "expected at least one of the \(schemas.count) anyOf schemas to match, none did",
                schema: keyword.location),
            at: kept)
        return false
    }

    /// `oneOf` (and a discriminator's alternatives): exactly one schema matches.
    static func oneOf(
        _ schemas: [SchemaID], _ keyword: Keyword, _ instance: JSONValue,
        _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        let kept = context.errors.count
        var matched: [Int] = []
        var branches: [Evaluated] = []
        for (index, schema) in schemas.enumerated() {
            var branch = Evaluated()
            if evaluate(schema, instance, &context, &branch) {
                matched.append(index)
                branches.append(branch)
            }
        }
        if matched.count == 1 {
            context.errors.removeSubrange(kept...)
            evaluated.merge(branches[0])
            return true
        }
        if !matched.isEmpty { context.errors.removeSubrange(kept...) }
        let message =
            matched.isEmpty
            ? "expected exactly one of the \(schemas.count) oneOf schemas to match, none did"
            : "expected exactly one of the \(schemas.count) oneOf schemas to match, \(matched.count) did (\(matched.map { "#\($0)" }.joined(separator: ", ")))"
        context.errors.insert(
            ValidationError(
                instancePointer: context.pointer, keyword: "oneOf", message: message,
                schema: keyword.location),
            at: kept)
        return false
    }
}
