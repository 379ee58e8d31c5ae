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
    let formats: FormatReading
    /// The references being followed, each with the instance depth it was entered at.
    var references: [(target: SchemaID, depth: Int)] = []

    /// Nesting past which the check gives up; below the full evaluation's own limit.
    static let maxNesting = Evaluation.maxDepth / 2

    init(graph: SchemaGraph, direction: Direction, formats: FormatReading, root: SchemaID) {
        self.graph = graph
        self.direction = direction
        self.formats = formats
        // A reference back to the root from the instance's root is a loop.
        references = [(root, 0)]
    }

    mutating func check(_ id: SchemaID, _ instance: JSONValue, depth: Int, nesting: Int) -> Bool? {
        let schema = graph[id]
        if let plan = schema.scalarPlan { return plan.holds(instance, formats: formats) }
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

    /// One keyword, by its family (`Keywords/`, where the full evaluation's reading of each
    /// family stands beside this one).
    private mutating func check(_ keyword: Keyword, _ instance: JSONValue, depth: Int, nesting: Int) -> Bool? {
        // The keyword's own constant `kind`, read in place: switching on a copy would copy
        // its operands' references on every value checked.
        switch keyword.kind {
        case .type, .enumeration, .const:
            return ValueKeywords.holds(keyword, instance)
        case .multipleOf, .maximum, .minimum:
            return NumberKeywords.holds(keyword, instance)
        case .maxLength, .minLength, .pattern, .format:
            return StringKeywords.holds(keyword, instance, formats: formats)
        case .maxItems, .minItems, .uniqueItems:
            return ArrayKeywords.holds(keyword, instance)
        case .prefixItems, .items, .contains, .unevaluatedItems:
            guard case .array(let items) = instance else { return true }
            return checkItems(keyword, items, depth: depth, nesting: nesting)
        case .maxProperties, .minProperties:
            guard case .object(let object) = instance else { return true }
            return ObjectKeywords.holds(keyword, object)
        case .required, .dependentRequired:
            guard case .object(let object) = instance else { return true }
            return ObjectKeywords.missing(keyword, object, direction, first: true).isEmpty
        case .properties, .patternProperties, .additionalProperties, .propertyNames, .dependentSchemas, .unevaluatedProperties:
            guard case .object(let object) = instance else { return true }
            return checkMembers(keyword, object, instance, depth: depth, nesting: nesting)
        case .allOf, .anyOf, .oneOf, .not, .conditional:
            return checkCombination(keyword, instance, depth: depth, nesting: nesting)
        case .ref, .dynamicRef, .discriminator:
            return checkReference(keyword, instance, depth: depth, nesting: nesting)
        }
    }

    /// Every pair's value against its schema: `false` at the first that fails, `nil` when none
    /// fails but one cannot be told.
    mutating func all(
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
