/// The keywords about objects: their size (`maxProperties`, `minProperties`), the members they
/// must have (`required`, `dependentRequired`), and the schemas their members meet
/// (`properties`, `patternProperties`, `additionalProperties`, `propertyNames`,
/// `dependentSchemas`, `unevaluatedProperties`). Values that are not objects meet them all.
/// Both passes are here: the quick one answers, the full one explains and records what it
/// evaluated.
enum ObjectKeywords {
    /// Whether `object` meets a size keyword.
    @inline(__always) static func holds(_ keyword: Keyword, _ object: JSONObject) -> Bool {
        switch keyword.kind {
        case .maxProperties(let limit): object.count <= limit
        case .minProperties(let limit): object.count >= limit
        default: true
        }
    }

    /// Why `object` does not meet a size keyword; `nil` when it does.
    @inline(__always) static func failure(_ keyword: Keyword, _ object: JSONObject) -> String? {
        guard !holds(keyword, object) else { return nil }
        switch keyword.kind {
        case .maxProperties(let limit): return "expected at most \(limit) members, found \(object.count)"
        case .minProperties(let limit): return "expected at least \(limit) members, found \(object.count)"
        default: return nil
        }
    }

    /// The members `required` or `dependentRequired` asks for that `object` lacks, each with
    /// why it is required; the first only, when `first`.
    @inline(__always) static func missing(
        _ keyword: Keyword, _ object: JSONObject, _ direction: Direction, first: Bool
    ) -> [(member: String, message: String)] {
        var missing: [(member: String, message: String)] = []
        switch keyword.kind {
        case .required(let members):
            var hint = 0
            for name in members.names where !object.contains(name, hint: &hint) && !members.excuses(name, direction) {
                missing.append((name, "required member '\(name)' is missing"))
                if first { break }
            }
        case .dependentRequired(let dependencies):
            for (name, required) in dependencies where object[name] != nil {
                for member in required where object[member] == nil {
                    missing.append((member, "member '\(member)' is required when '\(name)' is present"))
                    if first { return missing }
                }
            }
        default:
            break
        }
        return missing
    }
}

extension RequiredMembers {
    /// Whether a missing member is excused in this direction: `readOnly` members are not sent
    /// in requests, `writeOnly` ones not returned in responses.
    func excuses(_ name: String, _ direction: Direction) -> Bool {
        (direction == .request && readOnly.contains(name)) || (direction == .response && writeOnly.contains(name))
    }
}

extension PropertySet {
    /// Whether a present member breaks its direction: a `readOnly` one in a request, a
    /// `writeOnly` one in a response.
    func forbids(_ name: String, _ direction: Direction) -> Bool {
        switch direction {
        case .request: !readOnly.isEmpty && readOnly.contains(name)
        case .response: !writeOnly.isEmpty && writeOnly.contains(name)
        case .none: false
        }
    }

    /// Why a present member breaks its direction.
    func forbiddenMessage(_ name: String, _ direction: Direction) -> String {
        direction == .request
            ? "'\(name)' is readOnly: expected it not to be sent in a request"
            : "'\(name)' is writeOnly: expected it not to be returned in a response"
    }
}

extension QuickCheck {
    /// `properties`, `patternProperties`, `additionalProperties`, `propertyNames`,
    /// `dependentSchemas`: whether the members meet their schemas.
    @inline(__always) mutating func checkMembers(_ keyword: Keyword, _ object: JSONObject, _ instance: JSONValue, depth: Int, nesting: Int) -> Bool? {
        switch keyword.kind {
        case .properties(let properties):
            return check(object, properties, depth: depth + 1, nesting: nesting)
        case .patternProperties(let patterns):
            return all(
                object.members.lazy.flatMap { member in
                    patterns.lazy.filter { $0.0.matches(member.key) }.map { (schema: $0.1, value: member.value) }
                }, depth: depth + 1, nesting: nesting)
        case .additionalProperties(let schema, let named, let patterns):
            return all(
                object.members.lazy
                    .filter { member in !named.contains(member.key) && !patterns.contains { $0.matches(member.key) } }
                    .map { (schema: schema, value: $0.value) }, depth: depth + 1, nesting: nesting)
        case .propertyNames(let schema):
            return all(object.members.lazy.map { (schema: schema, value: JSONValue.string($0.key)) }, depth: depth + 1, nesting: nesting)
        case .dependentSchemas(let dependencies):
            return all(dependencies.lazy.filter { object[$0.0] != nil }.map { (schema: $0.1, value: instance) }, depth: depth, nesting: nesting)
        default:
            // `unevaluatedProperties` needs what the other keywords evaluated: only the full pass knows.
            return nil
        }
    }

    /// The members `properties` names, each against its schema (a scalar plan judges the
    /// member where it lies, without looking its schema up).
    private mutating func check(_ object: JSONObject, _ properties: PropertySet, depth: Int, nesting: Int) -> Bool? {
        var verdict: Bool? = true
        var hint = 0
        let members = object.members
        for index in members.indices {
            guard let position = properties.position(of: members[index].key, hint: &hint) else { continue }
            if properties.forbids(members[index].key, direction) { return false }
            if let plan = properties.plans[position] {
                if !plan.holds(members[index].value, formats: formats) { return false }
                continue
            }
            guard let valid = check(properties.schemas[position], members[index].value, depth: depth, nesting: nesting) else {
                verdict = nil
                continue
            }
            if !valid { return false }
        }
        return verdict
    }
}

extension Evaluator {
    /// The member keywords: every member against its schemas, each failure explained, the
    /// members evaluated recorded for `unevaluatedProperties`.
    @inline(__always) static func evaluateMembers(
        _ keyword: Keyword, _ object: JSONObject, _ instance: JSONValue, _ context: inout Evaluation, _ evaluated: inout Evaluated
    ) -> Bool {
        var valid = true
        switch keyword.kind {
        case .properties(let properties):
            var hint = 0
            for member in object {
                guard let schema = properties.schema(for: member.key, hint: &hint) else { continue }
                if properties.forbids(member.key, context.direction) {
                    context.path.append(.key(member.key))
                    context.fail(keyword, properties.forbiddenMessage(member.key, context.direction))
                    context.path.removeLast()
                    valid = false
                }
                if !child(schema, member.value, token: .key(member.key), &context) { valid = false }
                if context.tracksAnnotations { evaluated.properties.insert(member.key) }
            }
        case .patternProperties(let patterns):
            for member in object {
                for (pattern, schema) in patterns where pattern.matches(member.key) {
                    if !child(schema, member.value, token: .key(member.key), &context) { valid = false }
                    if context.tracksAnnotations { evaluated.properties.insert(member.key) }
                }
            }
        case .additionalProperties(let schema, let named, let patterns):
            for member in object where !named.contains(member.key) && !patterns.contains(where: { $0.matches(member.key) }) {
                if !undeclared(
                    member, schema, keyword, "member '\(member.key)' is not declared, and additionalProperties is false", &context)
                {
                    valid = false
                }
                if context.tracksAnnotations { evaluated.properties.insert(member.key) }
            }
        case .propertyNames(let schema):
            for member in object where !child(schema, .string(member.key), token: .key(member.key), &context) {
                valid = false
            }
        case .dependentSchemas(let dependencies):
            for (name, schema) in dependencies where object[name] != nil {
                if !evaluate(schema, instance, &context, &evaluated) { valid = false }
            }
        case .unevaluatedProperties(let schema):
            for member in object where !evaluated.properties.contains(member.key) {
                if !undeclared(
                    member, schema, keyword, "member '\(member.key)' is not evaluated by any keyword, and unevaluatedProperties is false",
                    &context)
                {
                    valid = false
                }
            }
            if valid { evaluated.properties.formUnion(object.keys) }
        default:
            break
        }
        return valid
    }

    /// A member no other keyword took, against the schema for such members: a `false` schema
    /// fails with `message`, any other with its own failures.
    private static func undeclared(
        _ member: JSONObject.Member, _ schema: SchemaID, _ keyword: Keyword, _ message: @autoclosure () -> String,
        _ context: inout Evaluation
    ) -> Bool {
        guard context.graph[schema].boolean == false else { return child(schema, member.value, token: .key(member.key), &context) }
        context.path.append(.key(member.key))
        context.fail(keyword, message())
        context.path.removeLast()
        return false
    }
}
