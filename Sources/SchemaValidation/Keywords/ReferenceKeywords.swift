/// `$ref`, `$dynamicRef` and OpenAPI's `discriminator`: where a value's schema is found
/// elsewhere. Both passes are here. The quick one follows plain references only, and answers
/// `nil` for a reference entered again at the same place (a loop) and for what needs the
/// full pass's state (the dynamic scope, a discriminator's dispatch).
extension QuickCheck {
    @inline(__always) mutating func checkReference(_ keyword: Keyword, _ instance: JSONValue, depth: Int, nesting: Int) -> Bool? {
        guard case .ref(let link) = keyword.kind else { return nil }
        guard let target = link.target else { return false }
        if references.contains(where: { $0.target == target && $0.depth == depth }) { return nil }
        references.append((target, depth))
        defer { references.removeLast() }
        return check(target, instance, depth: depth, nesting: nesting)
    }
}

extension Evaluator {
    @inline(__always) static func evaluateReference(
        _ keyword: Keyword, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        switch keyword.kind {
        case .ref(let link):
            guard let target = link.target else {
                context.fail(keyword, link.problem ?? "cannot resolve '\(link.ref)'")
                return false
            }
            return follow(target, keyword, instance, &context, &evaluated)
        case .dynamicRef(let link):
            guard var target = link.target else {
                context.fail(keyword, link.problem ?? "cannot resolve '\(link.ref)'")
                return false
            }
            if let name = link.dynamicAnchor {
                let graph = context.graph
                if let dynamic = context.dynamicScope.lazy.compactMap({ graph[resource: $0].dynamicAnchors[name] }).first {
                    target = dynamic
                }
            }
            return follow(target, keyword, instance, &context, &evaluated)
        case .discriminator(let property, let mapping, let alternatives):
            guard case .object(let object) = instance, !context.dispatching.contains(context.path) else { return true }
            if case .string(let name)? = object[property], let link = mapping[name], let target = link.target {
                context.dispatching.insert(context.path)
                defer { context.dispatching.remove(context.path) }
                return evaluate(target, instance, &context, &evaluated)
            }
            // A value the mapping does not name: the hint says nothing, the alternatives decide.
            if let alternatives {
                let kept = context.errors.count
                let valid =
                    alternatives.exactlyOne
                    ? oneOf(alternatives.schemas, keyword, instance, &context, &evaluated)
                    : anyOf(alternatives.schemas, keyword, instance, &context, &evaluated)
                if !valid {
                    // The discriminator's words say more than every branch's failures.
                    context.errors.removeSubrange(kept...)
                    context.errors.append(discriminatorError(property, object[property], mapping, keyword, context))
                }
                return valid
            }
            guard object[property] != nil else {
                context.errors.append(discriminatorError(property, nil, mapping, keyword, context))
                return false
            }
            return true
        default:
            return true
        }
    }

    /// Evaluates a reference's target, unless the same target is already being evaluated
    /// further up at the same place in the instance and in the same state (the discriminators
    /// dispatching): then the references loop without reading any of the
    /// instance, and would only end at the depth limit (after exponentially many steps when
    /// `anyOf`/`oneOf` branches loop).
    private static func follow(
        _ target: SchemaID, _ keyword: Keyword, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        let entry = context.referenceEntry(target)
        if context.references.contains(where: { $0 == entry }) {
            context.fail(keyword, "references loop without end: expected a schema whose references lead somewhere")
            return false
        }
        context.references.append(entry)
        defer { context.references.removeLast() }
        return evaluate(target, instance, &context, &evaluated)
    }

    private static func discriminatorError(
        _ property: String, _ value: JSONValue?, _ mapping: [String: SchemaReference],
        _ keyword: Keyword, _ context: Evaluation
    ) -> ValidationError {
        let names = mapping.keys.sorted().joined(separator: ", ")
        let message =
            value.map { "discriminator '\(property)' is \($0.truncatedText()): expected one of \(names)" }
            ?? "discriminator member '\(property)' is missing: expected one of \(names)"
        return ValidationError(instancePointer: context.pointer, keyword: "discriminator", message: message, schema: keyword.location)
    }
}
