import YAMLSource

/// Builds a value a schema accepts: the schema's own example when it validates, else one made
/// from its keywords (types, bounds, formats in their most common form, required members).
/// Deterministic for a generator's seed.
public struct ValueSynthesizer {
    /// Whether optional object members are included too.
    public var includeOptional: Bool
    private var generator: SeededGenerator
    /// Schemas visited for the value being made: branches that refer back to their own schema
    /// multiply at every level, so the search stops after `stepBudget` visits and the rest of
    /// the value is made plainly (it is checked after, like every value).
    private var steps = 0
    static let stepBudget = 5_000
    /// The schemas whose values are being made, outermost first: a schema met again inside
    /// its own value (recursion) gets its plainest value, not another search.
    private var active: [SchemaID] = []

    /// A synthesizer; the same seed makes the same values. `includeOptional`: fill members that are not required too.
    public init(seed: UInt64 = 1, includeOptional: Bool = true) {
        self.generator = SeededGenerator(seed: seed)
        self.includeOptional = includeOptional
    }

    /// A value for the validator's schema, checked against it; `nil` when none could be made.
    public mutating func value(for validator: SchemaValidator, direction: Direction = .none) -> JSONValue? {
        steps = 0
        let candidate = value(validator, depth: 0, direction: direction)
        return validator.isValid(candidate, direction: direction) ? candidate : nil
    }

    /// A value built from the schema's keywords even when no valid one could be made.
    public mutating func bestEffort(for validator: SchemaValidator, direction: Direction = .none) -> JSONValue {
        steps = 0
        return value(validator, depth: 0, direction: direction)
    }

    /// The most items or characters a made value has: a schema asking for more (a fuzzer's
    /// `minLength: 2777…`) gets a value that fails its check instead of exhausting memory.
    static let largest = 100_000

    /// The common, conservative form of a format that real servers accept.
    public static func sample(format: String) -> JSONValue? {
        switch format {
        case "email": .string("partner@example.com")
        case "date-time": .string("2024-09-15T12:40:24Z")
        case "date": .string("2024-09-15")
        case "time": .string("12:40:24Z")
        case "duration": .string("P1D")
        case "uuid": .string("3f2b9c1e-8d4a-4b6f-9e2d-7a1c5b8e0f34")
        case "uri": .string("https://example.com/resource")
        case "uri-reference": .string("/resource")
        case "hostname": .string("example.com")
        case "ipv4": .string("192.0.2.1")
        case "ipv6": .string("2001:db8::1")
        case "byte": .string("ZXhhbXBsZQ==")
        case "int32", "int64": .number(JSONNumber(1))
        case "float", "double": .number(JSONNumber(1.5))
        default: nil
        }
    }

    /// A value for the schema `whole` validates (its root), one of a graph's.
    mutating func value(_ whole: SchemaValidator, depth: Int, direction: Direction) -> JSONValue {
        let schema = whole.root
        if let boolean = schema.boolean { return boolean ? .string("example") : .null }
        steps += 1
        if steps > Self.stepBudget || active.contains(whole.rootID) {
            return Self.plain(Facts(whole.rootID, whole.graph, depth: 10))
        }
        active.append(whole.rootID)
        defer { active.removeLast() }
        if let example = schema.example, whole.isValid(example, direction: direction) {
            return example
        }
        let facts = Facts(whole.rootID, whole.graph)
        if let first = facts.enumeration.first { return first }
        if let constant = facts.constant { return constant }
        if let target = facts.references.first, facts.types.isEmpty, facts.properties.isEmpty, depth < 12 {
            return value(whole.validator(for: target), depth: depth + 1, direction: direction)
        }
        if !facts.alternatives.isEmpty, depth < 12 {
            // oneOf/anyOf: the first branch whose value the whole schema accepts (with optional
            // members, then without: overlapping branches often differ only in those).
            var candidates: [JSONValue] = []
            let optional = includeOptional
            for include in [optional, !optional] {
                includeOptional = include
                for branch in facts.alternatives {
                    let branchValue = value(whole.validator(for: branch), depth: depth + 1, direction: direction)
                    let candidate =
                        facts.properties.isEmpty ? branchValue : merged(ownObject(facts, whole, depth: depth, direction: direction), branchValue)
                    if whole.isValid(candidate, direction: direction) {
                        includeOptional = optional
                        return candidate
                    }
                    candidates.append(candidate)
                }
            }
            includeOptional = optional
            // Branches so open that every value matches several (each declares optional members
            // the others leave open): a member one branch declares, given a value of another
            // type, rules that branch out and leaves the others.
            if let separated = Self.separated(candidates, facts.alternatives, whole, direction) { return separated }
            if let first = candidates.first { return first }
        }
        let type =
            facts.types.first { $0 != .null } ?? facts.types.first
            ?? (facts.properties.isEmpty && facts.required.isEmpty
                ? (facts.format.map { Self.sample(format: $0)?.typeName == "string" ? .string : .number } ?? .string) : .object)
        switch type {
        case .null: return .null
        case .boolean: return .bool(true)
        case .integer, .number: return number(facts, integer: type == .integer)
        case .string: return string(facts)
        case .array:
            // A bound beyond any real instance makes no value (the result is checked after).
            let count = min(max(facts.minItems ?? (includeOptional && depth < 6 ? 1 : 0), 0), Self.largest)
            guard let items = facts.items, count > 0 else { return .array([]) }
            return .array((0..<count).map { _ in value(whole.validator(for: items), depth: depth + 1, direction: direction) })
        case .object:
            return ownObject(facts, whole, depth: depth, direction: direction)
        }
    }

    /// A candidate that matches exactly one branch once a member that another matching branch
    /// declares (and its own branch does not) is given a value of a type that branch refuses.
    private static func separated(
        _ candidates: [JSONValue], _ branches: [SchemaID], _ whole: SchemaValidator,
        _ direction: Direction
    ) -> JSONValue? {
        let shapes = branches.map { whole.validator(for: $0).shape }
        for candidate in candidates {
            guard case .object = candidate else { continue }
            for (index, shape) in shapes.enumerated() {
                for (name, property) in shape.properties where candidate[name] == nil {
                    guard shapes.indices.contains(where: { $0 != index && shapes[$0].property(name) == nil && shapes[$0].allowsUndeclaredMembers })
                    else { continue }
                    let refused: [JSONValue] = [.string("separates the branches"), .number(JSONNumber(0)), .array([]), .object(JSONObject([]))]
                    for value in refused where !property.isValid(value, direction: direction) {
                        let changed = candidate.setting(value, at: JSONPointer(tokens: [name]))
                        if whole.isValid(changed, direction: direction) { return changed }
                    }
                }
            }
        }
        return nil
    }

    /// An object with the members the facts declare (required ones, and the others when
    /// optional members are included).
    private mutating func ownObject(_ facts: Facts, _ whole: SchemaValidator, depth: Int, direction: Direction) -> JSONValue {
        var members: [JSONObject.Member] = []
        let names =
            facts.propertyOrder.filter { facts.required.contains($0) || (includeOptional && depth < 6) }
            + facts.required.filter { facts.properties[$0] == nil }
        for name in names {
            if let property = facts.properties[name] {
                if direction == .request, facts.readOnly.contains(name) { continue }
                if direction == .response, facts.writeOnly.contains(name) { continue }
                members.append(JSONObject.Member(name, value(whole.validator(for: property), depth: depth + 1, direction: direction)))
            } else {
                members.append(JSONObject.Member(name, .string("example")))
            }
        }
        return .object(JSONObject(members))
    }

    /// The simplest value of the schema's first type, its required members as text: for a
    /// schema met again inside its own value.
    private static func plain(_ facts: Facts) -> JSONValue {
        if let first = facts.enumeration.first { return first }
        if let constant = facts.constant { return constant }
        switch facts.types.first {
        case .null: return .null
        case .boolean: return .bool(true)
        case .integer, .number: return .number(JSONNumber(1))
        case .array: return .array([])
        case .object,
            nil where !facts.properties.isEmpty || !facts.required.isEmpty:
            return .object(JSONObject(facts.required.map { JSONObject.Member($0, .string("example")) }))
        default: return .string("example")
        }
    }

    /// The members of `extra` added to `base` (both objects), `base` winning.
    private func merged(_ base: JSONValue, _ extra: JSONValue) -> JSONValue {
        guard case .object(let own) = base, case .object(let more) = extra else { return extra }
        return .object(JSONObject(more.members.filter { own[$0.key] == nil } + own.members))
    }

    private func number(_ facts: Facts, integer: Bool) -> JSONValue {
        var candidate =
            facts.minimum.map { $0.exclusive ? $0.value.double + (integer ? 1 : 0.5) : $0.value.double }
            ?? facts.maximum.map { $0.exclusive ? $0.value.double - (integer ? 1 : 0.5) : min($0.value.double, 1) }
            ?? 1
        if integer { candidate = candidate.rounded(.up) }
        if let step = facts.multipleOf?.double, step > 0 {
            candidate = (candidate / step).rounded(.up) * step
        }
        return .number(JSONNumber(candidate))
    }

    private mutating func string(_ facts: Facts) -> JSONValue {
        if let format = facts.format, let sample = Self.sample(format: format), case .string = sample {
            if format == "uuid" { return .string(generator.uuid()) }
            return sample
        }
        var text = "example"
        let minimum = min(facts.minLength ?? 0, Self.largest)
        if let pattern = facts.pattern {
            // A text the pattern itself describes, grown until it is long enough; else a few
            // common words.
            let fits = { (text: String) in text.count >= minimum && facts.maxLength.map { text.count <= $0 } ?? true && pattern.matches(text) }
            let sampler = PatternSampler(pattern.source)
            let grown =
                (0...8).lazy.compactMap { sampler?.sample(extra: $0 * max(minimum, 1)) }.first(where: fits)
                ?? (0...64).lazy.compactMap { sampler?.sample(extra: $0) }.first(where: fits)
            if let grown { return .string(grown) }
            text =
                ["example", "a", "A", "1", "abc", "ABC", "a1", "A1", "abc123", "2024-09-15", "x"].first { pattern.matches($0) }
                ?? sampler?.sample() ?? text
        }
        if text.count < minimum { text += String(repeating: "x", count: minimum - text.count) }
        if let maximum = facts.maxLength, text.count > maximum { text = String(text.prefix(maximum)) }
        return .string(text)
    }
}

/// What a schema's keywords say, gathered across `allOf` and `$ref`.
struct Facts {
    var types: [JSONType] = []
    var enumeration: [JSONValue] = []
    var constant: JSONValue?
    var minimum: (value: JSONNumber, exclusive: Bool)?
    var maximum: (value: JSONNumber, exclusive: Bool)?
    var multipleOf: JSONNumber?
    var minLength: Int?
    var maxLength: Int?
    var pattern: CompiledPattern?
    var format: String?
    /// The media type of the file a value is, when the schema says it is one.
    var fileMediaType: String?
    var minItems: Int?
    var items: SchemaID?
    var properties: [String: SchemaID] = [:]
    var propertyOrder: [String] = []
    /// Members whose schema is `readOnly` / `writeOnly`, as their `properties` compiled them.
    var readOnly: Set<String> = []
    var writeOnly: Set<String> = []
    var required: [String] = []
    var references: [SchemaID] = []
    var alternatives: [SchemaID] = []

    init(_ schema: SchemaID, _ graph: SchemaGraph, depth: Int = 0) {
        gather(schema, graph, depth: depth)
    }

    private mutating func gather(_ schema: SchemaID, _ graph: SchemaGraph, depth: Int) {
        guard depth < 12 else { return }
        if fileMediaType == nil { fileMediaType = graph[schema].fileMediaType }
        for keyword in graph[schema].keywords {
            switch keyword.kind {
            case .type(let check): if types.isEmpty { types = check.types }
            case .enumeration(let values): enumeration = values
            case .const(let value): constant = value
            case .minimum(let value, let exclusive): minimum = (value, exclusive)
            case .maximum(let value, let exclusive): maximum = (value, exclusive)
            case .multipleOf(let value): multipleOf = value
            case .minLength(let value): minLength = value
            case .maxLength(let value): maxLength = value
            case .pattern(let value): pattern = value
            case .format(let check, _): format = check.name
            case .minItems(let value): minItems = value
            case .items(let value, _): items = value
            case .properties(let set):
                for (name, schema) in zip(set.names, set.schemas) where properties[name] == nil {
                    properties[name] = schema
                    propertyOrder.append(name)
                    if set.readOnly.contains(name) { readOnly.insert(name) }
                    if set.writeOnly.contains(name) { writeOnly.insert(name) }
                }
            case .required(let members): required += members.names.filter { !required.contains($0) }
            case .allOf(let parts): for part in parts { gather(part, graph, depth: depth + 1) }
            case .ref(let link):
                if let target = link.target {
                    references.append(target)
                    gather(target, graph, depth: depth + 1)
                }
            case .anyOf(let branches), .oneOf(let branches): alternatives += branches
            case .discriminator(_, let mapping, _):
                alternatives += mapping.keys.sorted().compactMap { mapping[$0]?.target }
            default: break
            }
        }
    }
}
