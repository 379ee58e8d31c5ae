/// A first, fast pass over an instance that only answers whether it is valid: no errors, no
/// instance path, no annotations, and it stops at the first keyword that fails.
///
/// It answers `nil` (cannot tell) where the answer depends on state only the full evaluation
/// keeps: `$dynamicRef`'s dynamic scope, a discriminator's dispatch, a reference entered again
/// where it already is (a loop), nesting past its depth limit. Whatever it does answer agrees
/// with the full evaluation, so a valid instance needs no second pass, and any other is
/// evaluated again in full for its errors.
struct QuickCheck {
    let graph: SchemaGraph
    let direction: Direction
    let assertFormats: Bool
    /// The references being followed, each with the instance depth it was entered at.
    private var references: [(target: SchemaID, depth: Int)] = []

    /// Where a member's value lies within it, to read the value in place.
    private static let valueOffset = MemoryLayout<JSONObject.Member>.offset(of: \.value)!

    /// Nesting past which the check gives up; below the full evaluation's own limit.
    static let maxNesting = Evaluation.maxDepth / 2

    init(graph: SchemaGraph, direction: Direction, assertFormats: Bool, root: SchemaID) {
        self.graph = graph
        self.direction = direction
        self.assertFormats = assertFormats
        // A reference back to the root from the instance's root is a loop.
        references = [(root, 0)]
    }

    mutating func check(_ id: SchemaID, _ instance: JSONValue, depth: Int, nesting: Int) -> Bool? {
        let schema = graph[id]
        if let plan = schema.scalarPlan { return plan.holds(instance, assertFormats: assertFormats) }
        if let boolean = schema.boolean { return boolean }
        guard nesting < Self.maxNesting else { return nil }
        var verdict: Bool? = true
        for keyword in schema.keywords {
            switch check(keyword, instance, depth: depth, nesting: nesting + 1) {
            case false?: return false
            case nil: verdict = nil
            case true?: continue
            }
        }
        return verdict
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private mutating func check(_ keyword: Keyword, _ instance: JSONValue, depth: Int, nesting: Int) -> Bool? {
        // The keyword's own constant `kind`, read in place: switching on a copy would copy
        // its operands' references on every value checked.
        switch keyword.kind {
        case .type(let check):
            return check.accepts(instance)
        case .enumeration(let values):
            return values.contains(instance)
        case .const(let value):
            return value == instance
        case .multipleOf(let divisor):
            guard case .number(let number) = instance else { return true }
            return number.isMultiple(of: divisor)
        case .maximum(let limit, let exclusive):
            guard case .number(let number) = instance else { return true }
            return Assertions.atMost(number, limit, exclusive: exclusive)
        case .minimum(let limit, let exclusive):
            guard case .number(let number) = instance else { return true }
            return Assertions.atLeast(number, limit, exclusive: exclusive)
        case .maxLength(let limit):
            guard case .string(let text) = instance else { return true }
            return Assertions.lengthAtMost(text, limit)
        case .minLength(let limit):
            guard case .string(let text) = instance else { return true }
            return Assertions.lengthAtLeast(text, limit)
        case .pattern(let pattern):
            guard case .string(let text) = instance else { return true }
            return pattern.matches(text)
        case .format(let check, let always):
            return !(assertFormats || always) || check.check(instance)
        case .maxItems(let limit):
            guard case .array(let items) = instance else { return true }
            return items.count <= limit
        case .minItems(let limit):
            guard case .array(let items) = instance else { return true }
            return items.count >= limit
        case .uniqueItems:
            guard case .array(let items) = instance else { return true }
            return Assertions.firstRepeat(in: items) == nil
        case .maxProperties(let limit):
            guard case .object(let object) = instance else { return true }
            return object.count <= limit
        case .minProperties(let limit):
            guard case .object(let object) = instance else { return true }
            return object.count >= limit
        case .required(let members):
            guard case .object(let object) = instance else { return true }
            var hint = 0
            for name in members.names where !object.contains(name, hint: &hint) && !members.excuses(name, direction) {
                return false
            }
            return true
        case .dependentRequired(let dependencies):
            guard case .object(let object) = instance else { return true }
            return dependencies.allSatisfy { name, required in
                object[name] == nil || required.allSatisfy { object[$0] != nil }
            }
        case .properties(let properties):
            guard case .object(let object) = instance else { return true }
            return check(object, properties, depth: depth + 1, nesting: nesting)
        case .patternProperties(let patterns):
            guard case .object(let object) = instance else { return true }
            return all(
                object.members.lazy.flatMap { member in
                    patterns.lazy.filter { $0.0.matches(member.key) }.map { (schema: $0.1, value: member.value) }
                }, depth: depth + 1, nesting: nesting)
        case .additionalProperties(let schema, let named, let patterns):
            guard case .object(let object) = instance else { return true }
            return all(
                object.members.lazy
                    .filter { member in !named.contains(member.key) && !patterns.contains { $0.matches(member.key) } }
                    .map { (schema: schema, value: $0.value) }, depth: depth + 1, nesting: nesting)
        case .propertyNames(let schema):
            guard case .object(let object) = instance else { return true }
            return all(object.members.lazy.map { (schema: schema, value: JSONValue.string($0.key)) }, depth: depth + 1, nesting: nesting)
        case .dependentSchemas(let dependencies):
            guard case .object(let object) = instance else { return true }
            return all(dependencies.lazy.filter { object[$0.0] != nil }.map { (schema: $0.1, value: instance) }, depth: depth, nesting: nesting)
        case .prefixItems(let schemas):
            guard case .array(let items) = instance else { return true }
            return all(zip(schemas, items).lazy.map { (schema: $0.0, value: $0.1) }, depth: depth + 1, nesting: nesting)
        case .items(let schema, let start):
            guard case .array(let items) = instance else { return true }
            return all(items.dropFirst(start).lazy.map { (schema: schema, value: $0) }, depth: depth + 1, nesting: nesting)
        case .contains(let schema, let minimum, let maximum):
            guard case .array(let items) = instance else { return true }
            var matched = 0
            for item in items {
                guard let valid = check(schema, item, depth: depth + 1, nesting: nesting) else { return nil }
                if valid { matched += 1 }
            }
            return matched >= minimum && maximum.map { matched <= $0 } ?? true
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
        case .ref(let link):
            guard let target = link.target else { return false }
            if references.contains(where: { $0.target == target && $0.depth == depth }) { return nil }
            references.append((target, depth))
            defer { references.removeLast() }
            return check(target, instance, depth: depth, nesting: nesting)
        case .dynamicRef, .unevaluatedProperties, .unevaluatedItems, .discriminator:
            return nil
        }
    }

    /// The members `properties` names, each against its schema (in place when the schema has
    /// a scalar plan).
    private mutating func check(_ object: JSONObject, _ properties: PropertySet, depth: Int, nesting: Int) -> Bool? {
        object.members.withUnsafeBufferPointer { members in
            var verdict: Bool? = true
            var hint = 0
            for index in members.indices {
                let key = members[index].key
                guard let position = properties.position(of: key, hint: &hint) else { continue }
                if properties.forbids(key, direction) { return false }
                if let plan = properties.plans[position] {
                    let value = (UnsafeRawPointer(members.baseAddress! + index) + Self.valueOffset).assumingMemoryBound(to: JSONValue.self)
                    if !plan.holds(value, assertFormats: assertFormats) { return false }
                    continue
                }
                let schema = properties.schemas[position]
                guard let valid = check(schema, members[index].value, depth: depth, nesting: nesting) else {
                    verdict = nil
                    continue
                }
                if !valid { return false }
            }
            return verdict
        }
    }

    /// Every pair's value against its schema: `false` at the first that fails, `nil` when none
    /// fails but one cannot be told.
    private mutating func all(
        _ pairs: some Sequence<(schema: SchemaID, value: JSONValue)>, depth: Int, nesting: Int
    ) -> Bool? {
        var verdict: Bool? = true
        for pair in pairs {
            guard let valid = check(pair.schema, pair.value, depth: depth, nesting: nesting) else {
                verdict = nil
                continue
            }
            if !valid { return false }
        }
        return verdict
    }
}
