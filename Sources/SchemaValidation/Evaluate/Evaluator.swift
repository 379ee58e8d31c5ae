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
    static func quietly(_ schema: SchemaID, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated) -> Bool {
        let kept = context.errors.count
        let valid = evaluate(schema, instance, &context, &evaluated)
        context.errors.removeSubrange(kept...)
        return valid
    }

    /// Evaluates a member or item at `token` below the current place.
    static func child(_ schema: SchemaID, _ value: JSONValue, token: PathToken, _ context: inout Evaluation) -> Bool {
        context.path.append(token)
        defer { context.path.removeLast() }
        var ignored = Evaluated()
        return evaluate(schema, value, &context, &ignored)
    }

    /// One keyword, by its family (`Keywords/`, where the quick pass's reading of each family
    /// stands beside this one).
    private static func evaluate(
        _ keyword: Keyword, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        let failure: String?
        switch keyword.kind {
        case .type, .enumeration, .const:
            failure = ValueKeywords.failure(keyword, instance)
        case .multipleOf, .maximum, .minimum:
            failure = NumberKeywords.failure(keyword, instance)
        case .maxLength, .minLength, .pattern, .format:
            failure = StringKeywords.failure(keyword, instance, formats: context.formats)
        case .maxItems, .minItems, .uniqueItems:
            failure = ArrayKeywords.failure(keyword, instance)
        case .prefixItems, .items, .contains, .unevaluatedItems:
            guard case .array(let items) = instance else { return true }
            return evaluateItems(keyword, items, &context, &evaluated)
        case .maxProperties, .minProperties:
            guard case .object(let object) = instance else { return true }
            failure = ObjectKeywords.failure(keyword, object)
        case .required, .dependentRequired:
            guard case .object(let object) = instance else { return true }
            let missing = ObjectKeywords.missing(keyword, object, context.direction, first: false)
            for (member, message) in missing { context.fail(keyword, message, missing: member) }
            return missing.isEmpty
        case .properties, .patternProperties, .additionalProperties, .propertyNames, .dependentSchemas, .unevaluatedProperties:
            guard case .object(let object) = instance else { return true }
            return evaluateMembers(keyword, object, instance, &context, &evaluated)
        case .allOf, .anyOf, .oneOf, .not, .conditional:
            return evaluateCombination(keyword, instance, &context, &evaluated)
        case .ref, .dynamicRef, .discriminator:
            return evaluateReference(keyword, instance, &context, &evaluated)
        }
        guard let failure else { return true }
        context.fail(keyword, failure)
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
