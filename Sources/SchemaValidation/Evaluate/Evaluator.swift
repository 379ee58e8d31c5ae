import YAMLSource

/// Evaluates compiled schemas against instances, collecting every error.
enum Evaluator {
    /// Whether `instance` is valid against `schema`; errors go to `context`, and what the
    /// schema evaluated to `evaluated` (only when valid, and only when annotations are tracked).
    static func evaluate(
        _ id: SchemaID, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        evaluate(context.graph[id], instance, &context, &evaluated)
    }

    static func evaluate(
        _ schema: CompiledSchema, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        if let boolean = schema.boolean {
            if !boolean {
                context.errors.append(
                    ValidationError(
                        instancePointer: context.pointer, keyword: "false",
                        message: "no value is allowed here (the schema is false)", schema: schema.location))
            }
            return boolean
        }
        context.depth += 1
        defer { context.depth -= 1 }
        guard context.depth < Evaluation.maxDepth else {
            context.errors.append(
                ValidationError(
                    instancePointer: context.pointer, keyword: "$ref",
                    message: "references loop without end: expected a schema whose references lead somewhere",
                    schema: schema.location))
            return false
        }
        let entersResource = schema.resource.map { $0 != context.dynamicScope.last } ?? false
        if entersResource, let resource = schema.resource { context.dynamicScope.append(resource) }
        defer { if entersResource { context.dynamicScope.removeLast() } }
        var local = Evaluated()
        var valid = true
        for keyword in schema.keywords {
            if !evaluate(keyword, instance, &context, &local) { valid = false }
        }
        if valid && context.tracksAnnotations { evaluated.merge(local) }
        return valid
    }

    /// Evaluates without keeping errors (for `not`, `if`, `contains`).
    private static func quietly(_ schema: SchemaID, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated) -> Bool {
        let kept = context.errors.count
        let valid = evaluate(schema, instance, &context, &evaluated)
        context.errors.removeSubrange(kept...)
        return valid
    }

    private static func child(
        _ schema: SchemaID, _ value: JSONValue, token: PathToken, _ context: inout Evaluation
    ) -> Bool {
        context.path.append(token)
        defer { context.path.removeLast() }
        var ignored = Evaluated()
        return evaluate(schema, value, &context, &ignored)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private static func evaluate(
        _ keyword: Keyword, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        switch keyword.kind {
        case .type(let check):
            if check.accepts(instance) { return true }
            let expected = check.types.map(\.rawValue).joined(separator: " or ") + (check.nullable ? " or null" : "")
            context.fail(keyword, "expected \(expected), found \(instance.typeName)\(Describe.brief(instance))")
            return false
        case .enumeration(let values):
            if values.contains(instance) { return true }
            context.fail(keyword, "expected one of \(Describe.list(values)), found \(instance.truncatedText())")
            return false
        case .const(let value):
            if value == instance { return true }
            context.fail(keyword, "expected \(value.truncatedText()), found \(instance.truncatedText())")
            return false
        case .multipleOf(let divisor):
            guard case .number(let number) = instance, !number.isMultiple(of: divisor) else { return true }
            context.fail(keyword, "expected a multiple of \(divisor), found \(number)")
            return false
        case .maximum(let limit, let exclusive):
            guard case .number(let number) = instance, !Assertions.atMost(number, limit, exclusive: exclusive) else { return true }
            context.fail(keyword, "expected a number \(exclusive ? "below" : "at most") \(limit), found \(number)")
            return false
        case .minimum(let limit, let exclusive):
            guard case .number(let number) = instance, !Assertions.atLeast(number, limit, exclusive: exclusive) else { return true }
            context.fail(keyword, "expected a number \(exclusive ? "above" : "at least") \(limit), found \(number)")
            return false
        case .maxLength(let limit):
            guard case .string(let text) = instance, !Assertions.lengthAtMost(text, limit) else { return true }
            context.fail(keyword, "expected at most \(limit) characters, found \(text.unicodeScalars.count)")
            return false
        case .minLength(let limit):
            guard case .string(let text) = instance, !Assertions.lengthAtLeast(text, limit) else { return true }
            context.fail(keyword, "expected at least \(limit) characters, found \(text.unicodeScalars.count)\(Describe.brief(instance))")
            return false
        case .pattern(let pattern):
            guard case .string(let text) = instance, !pattern.matches(text) else { return true }
            context.fail(keyword, "expected a string matching /\(pattern.source)/, found \(instance.truncatedText())")
            return false
        case .format(let check, let always):
            guard context.assertFormats || always, !check.check(instance) else { return true }
            context.fail(keyword, "expected \(check.expectation), found \(instance.truncatedText())")
            return false
        case .maxItems(let limit):
            guard case .array(let items) = instance, items.count > limit else { return true }
            context.fail(keyword, "expected at most \(limit) items, found \(items.count)")
            return false
        case .minItems(let limit):
            guard case .array(let items) = instance, items.count < limit else { return true }
            context.fail(keyword, "expected at least \(limit) items, found \(items.count)")
            return false
        case .uniqueItems:
            guard case .array(let items) = instance, let repeated = Assertions.firstRepeat(in: items) else { return true }
            context.fail(keyword, "expected unique items, found item \(repeated.index) equal to item \(repeated.first)")
            return false
        case .maxProperties(let limit):
            guard case .object(let object) = instance, object.count > limit else { return true }
            context.fail(keyword, "expected at most \(limit) members, found \(object.count)")
            return false
        case .minProperties(let limit):
            guard case .object(let object) = instance, object.count < limit else { return true }
            context.fail(keyword, "expected at least \(limit) members, found \(object.count)")
            return false
        case .required(let members):
            guard case .object(let object) = instance else { return true }
            var valid = true
            var hint = 0
            for name in members.names where !object.contains(name, hint: &hint) && !members.excuses(name, context.direction) {
                context.fail(keyword, "required member '\(name)' is missing", missing: name)
                valid = false
            }
            return valid
        case .dependentRequired(let dependencies):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for (name, required) in dependencies where object[name] != nil {
                for missing in required where object[missing] == nil {
                    context.fail(keyword, "member '\(missing)' is required when '\(name)' is present", missing: missing)
                    valid = false
                }
            }
            return valid
        case .properties(let properties):
            guard case .object(let object) = instance else { return true }
            var valid = true
            var hint = 0
            for member in object {
                guard let schema = properties.schema(for: member.key, hint: &hint) else { continue }
                if properties.forbids(member.key, context.direction) {
                    context.path.append(.key(member.key))
                    context.fail(
                        keyword,
                        context.direction == .request
                            ? "'\(member.key)' is readOnly: expected it not to be sent in a request"
                            : "'\(member.key)' is writeOnly: expected it not to be returned in a response")
                    context.path.removeLast()
                    valid = false
                }
                if !child(schema, member.value, token: .key(member.key), &context) { valid = false }
                if context.tracksAnnotations { evaluated.properties.insert(member.key) }
            }
            return valid
        case .patternProperties(let patterns):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object {
                for (pattern, schema) in patterns where pattern.matches(member.key) {
                    if !child(schema, member.value, token: .key(member.key), &context) { valid = false }
                    if context.tracksAnnotations { evaluated.properties.insert(member.key) }
                }
            }
            return valid
        case .additionalProperties(let schema, let named, let patterns):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object where !named.contains(member.key) && !patterns.contains(where: { $0.matches(member.key) }) {
                if context.graph[schema].boolean == false {
                    context.path.append(.key(member.key))
                    context.fail(keyword, "member '\(member.key)' is not declared, and additionalProperties is false")
                    context.path.removeLast()
                    valid = false
                } else if !child(schema, member.value, token: .key(member.key), &context) {
                    valid = false
                }
                if context.tracksAnnotations { evaluated.properties.insert(member.key) }
            }
            return valid
        case .propertyNames(let schema):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object where !child(schema, .string(member.key), token: .key(member.key), &context) {
                valid = false
            }
            return valid
        case .dependentSchemas(let dependencies):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for (name, schema) in dependencies where object[name] != nil {
                if !evaluate(schema, instance, &context, &evaluated) { valid = false }
            }
            return valid
        case .prefixItems(let schemas):
            guard case .array(let items) = instance else { return true }
            var valid = true
            for (index, item) in items.prefix(schemas.count).enumerated() {
                if !child(schemas[index], item, token: .index(index), &context) { valid = false }
            }
            if context.tracksAnnotations { evaluated.items = max(evaluated.items, min(items.count, schemas.count)) }
            return valid
        case .items(let schema, let start):
            guard case .array(let items) = instance else { return true }
            var valid = true
            for index in items.indices.dropFirst(start) {
                if !child(schema, items[index], token: .index(index), &context) { valid = false }
            }
            if context.tracksAnnotations { evaluated.allItems = true }
            return valid
        case .contains(let schema, let minimum, let maximum):
            guard case .array(let items) = instance else { return true }
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
        case .unevaluatedProperties(let schema):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object where !evaluated.properties.contains(member.key) {
                if context.graph[schema].boolean == false {
                    context.path.append(.key(member.key))
                    context.fail(keyword, "member '\(member.key)' is not evaluated by any keyword, and unevaluatedProperties is false")
                    context.path.removeLast()
                    valid = false
                } else if !child(schema, member.value, token: .key(member.key), &context) {
                    valid = false
                }
            }
            if valid { evaluated.properties.formUnion(object.keys) }
            return valid
        case .unevaluatedItems(let schema):
            guard case .array(let items) = instance, !evaluated.allItems else { return true }
            var valid = true
            for index in items.indices.dropFirst(evaluated.items) where !evaluated.containedItems.contains(index) {
                if !child(schema, items[index], token: .index(index), &context) { valid = false }
            }
            if valid { evaluated.allItems = true }
            return valid
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

    private static func anyOf(
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

    private static func oneOf(
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

/// Short renderings of values for messages.
enum Describe {
    /// ` ("text")` for strings and numbers, nothing for the rest.
    static func brief(_ value: JSONValue) -> String {
        switch value {
        case .string, .number, .bool: " (\(value.truncatedText(limit: 40)))"
        default: ""
        }
    }

    static func list(_ values: [JSONValue]) -> String {
        let shown = values.prefix(10).map { $0.truncatedText(limit: 30) }.joined(separator: ", ")
        return "[" + shown + (values.count > 10 ? ", … (\(values.count) in all)" : "") + "]"
    }
}
