import Foundation

/// Where a compiled schema lives in its `SchemaGraph`: the segment one compile sealed, and
/// its place there. Schemas refer to each other by these, never by object, so a recursive
/// schema is not a reference cycle and nothing compiled later can change what a validator
/// reads.
struct SchemaID: Hashable, Sendable {
    let segment: UInt32
    let index: UInt32
}

/// A schema resource (by base URI) in the dynamic scope, with its `$dynamicAnchor`s.
struct ResourceID: Hashable, Sendable {
    let segment: UInt32
    let index: UInt32
}

/// A schema compiled for evaluation: its keywords decoded once (bounds as numbers, patterns as
/// regular expressions, subschemas and references as `SchemaID`s). Built whole, then never
/// changed: every property is a constant.
final class CompiledSchema: Sendable {
    let location: SchemaLocation
    /// `true`/`false` schemas.
    let boolean: Bool?
    let keywords: [Keyword]
    /// The schema resource it belongs to: evaluation enters it into the dynamic scope.
    let resource: ResourceID?
    /// The schema's own `example` (or first of `examples`, or `default`), for synthesis.
    let example: JSONValue?
    /// Its keywords folded into plain values, when they only constrain a value by itself.
    let scalarPlan: ScalarPlan?
    /// The media type of the file a value of it is (`contentMediaType`, or
    /// `application/octet-stream` for `format: binary`): a multipart part of it is a file.
    let fileMediaType: String?

    init(
        location: SchemaLocation, boolean: Bool? = nil, keywords: [Keyword] = [], resource: ResourceID? = nil,
        example: JSONValue? = nil, fileMediaType: String? = nil
    ) {
        self.location = location
        self.boolean = boolean
        self.keywords = keywords
        self.resource = resource
        self.example = example
        self.fileMediaType = fileMediaType
        scalarPlan = boolean == nil ? ScalarPlan(keywords) : nil
    }
}

/// A schema resource's `$dynamicAnchor`s, compiled with it.
struct SchemaResource: Sendable {
    let uri: String
    var dynamicAnchors: [String: SchemaID] = [:]
}

/// What one compile added, sealed: immutable, shared by every validator made after it.
final class SchemaSegment: Sendable {
    let schemas: [CompiledSchema]
    let resources: [SchemaResource]

    init(schemas: [CompiledSchema], resources: [SchemaResource]) {
        self.schemas = schemas
        self.resources = resources
    }
}

/// Every schema a validator can reach: the segments sealed up to its making. A value; copying
/// it copies the list of segments only.
struct SchemaGraph: Sendable {
    let segments: [SchemaSegment]

    subscript(id: SchemaID) -> CompiledSchema {
        segments[Int(id.segment)].schemas[Int(id.index)]
    }

    subscript(resource id: ResourceID) -> SchemaResource {
        segments[Int(id.segment)].resources[Int(id.index)]
    }
}

/// A `$ref` (or `$dynamicRef`) and the schema it leads to. A class: following a reference
/// passes one reference count, not one per text it keeps for messages.
final class SchemaReference: Sendable {
    let ref: String
    let target: SchemaID?
    /// For `$dynamicRef`: the anchor name to look up in the dynamic scope, when the initial
    /// target declares it as a `$dynamicAnchor`.
    let dynamicAnchor: String?
    /// Why the reference could not be followed, when it could not.
    let problem: String?

    init(ref: String, target: SchemaID?, dynamicAnchor: String? = nil, problem: String?) {
        self.ref = ref
        self.target = target
        self.dynamicAnchor = dynamicAnchor
        self.problem = problem
    }

    /// The same reference, resolved dynamically through `anchor`.
    func dynamic(anchor: String) -> SchemaReference {
        SchemaReference(ref: ref, target: target, dynamicAnchor: anchor, problem: problem)
    }
}

/// One compiled keyword with the place it was written. A class, so that walking a schema's
/// keywords passes one reference each rather than copying every operand and location.
final class Keyword: Sendable {
    let kind: KeywordKind
    let location: SchemaLocation

    init(kind: KeywordKind, location: SchemaLocation) {
        self.kind = kind
        self.location = location
    }
}

/// The JSON types `type` can name.
enum JSONType: String, Sendable, CaseIterable {
    case null, boolean, integer, number, string, array, object

    var bit: UInt8 {
        switch self {
        case .null: 1
        case .boolean: 2
        case .integer: 4
        case .number: 8
        case .string: 16
        case .array: 32
        case .object: 64
        }
    }
}

/// A compiled regular expression with its source, for messages. `NSRegularExpression` is
/// immutable and documented as safe to use from many threads, which the compiler cannot see.
struct CompiledPattern: @unchecked Sendable {
    let source: String
    let expression: NSRegularExpression

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// `properties`: member names in document order with their schemas, found by name without
/// hashing when an instance lists its members in the same order. A class: one reference to
/// pass on each evaluation.
final class PropertySet: Sendable {
    let names: [String]
    let schemas: [SchemaID]
    /// The scalar plans of the schemas, where they have one (the quick check's shortcut).
    let plans: [ScalarPlan?]
    private let positions: [String: Int]
    /// Members whose schema (or the schema it references) is `readOnly` / `writeOnly`.
    let readOnly: Set<String>
    let writeOnly: Set<String>

    init(names: [String], schemas: [SchemaID], plans: [ScalarPlan?], readOnly: Set<String>, writeOnly: Set<String>) {
        self.names = names
        self.schemas = schemas
        self.plans = plans
        self.positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
        self.readOnly = readOnly
        self.writeOnly = writeOnly
    }

    /// The schema of the member `name`, looking first where `hint` says.
    func schema(for name: String, hint: inout Int) -> SchemaID? {
        position(of: name, hint: &hint).map { schemas[$0] }
    }

    /// The position of the member `name` among `names`, looking first where `hint` says (and
    /// leaving `hint` after it).
    func position(of name: String, hint: inout Int) -> Int? {
        if hint < names.count, names[hint] == name {
            hint += 1
            return hint - 1
        }
        guard let position = positions[name] else { return nil }
        hint = position + 1
        return position
    }
}

/// `type`: the names as written (for messages) and as a set of bits (for the check). Keyword
/// operands that would cost more than one reference to copy are classes like this one.
final class TypeCheck: Sendable {
    let types: [JSONType]
    /// OpenAPI 3.0's `nullable: true` beside `type` adds null to the types.
    let nullable: Bool
    /// The accepted types as `JSONType.bit`s.
    let bits: UInt8

    init(types: [JSONType], nullable: Bool) {
        self.types = types
        self.nullable = nullable
        var bits: UInt8 = nullable ? JSONType.null.bit : 0
        for type in types { bits |= type.bit }
        self.bits = bits
    }

    func accepts(_ value: JSONValue) -> Bool { Self.accepts(value, bits: bits) }

    static func accepts(_ value: JSONValue, bits: UInt8) -> Bool {
        switch value {
        case .null: bits & JSONType.null.bit != 0
        case .bool: bits & JSONType.boolean.bit != 0
        case .string: bits & JSONType.string.bit != 0
        case .array: bits & JSONType.array.bit != 0
        case .object: bits & JSONType.object.bit != 0
        case .number(let number): bits & JSONType.number.bit != 0 || (bits & JSONType.integer.bit != 0 && number.isInteger)
        }
    }
}

/// `required`, with the names of the sibling `properties` that are `readOnly` (required only
/// in responses) and `writeOnly` (required only in requests).
final class RequiredMembers: Sendable {
    let names: [String]
    let readOnly: Set<String>
    let writeOnly: Set<String>

    init(names: [String], readOnly: Set<String>, writeOnly: Set<String>) {
        self.names = names
        self.readOnly = readOnly
        self.writeOnly = writeOnly
    }
}

/// What a keyword checks, with its operands compiled.
enum KeywordKind: Sendable {
    case type(TypeCheck)
    case enumeration([JSONValue])
    case const(JSONValue)
    case multipleOf(JSONNumber)
    case maximum(JSONNumber, exclusive: Bool)
    case minimum(JSONNumber, exclusive: Bool)
    case maxLength(Int)
    case minLength(Int)
    case pattern(CompiledPattern)
    /// `always`: the resource's meta-schema asks for format assertion.
    case format(FormatCheck, always: Bool)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case maxProperties(Int)
    case minProperties(Int)
    case required(RequiredMembers)
    case dependentRequired([(String, [String])])
    case properties(PropertySet)
    case patternProperties([(CompiledPattern, SchemaID)])
    /// Applies to members that `properties` and `patternProperties` of the same schema miss.
    case additionalProperties(SchemaID, named: Set<String>, patterns: [CompiledPattern])
    case propertyNames(SchemaID)
    case dependentSchemas([(String, SchemaID)])
    case prefixItems([SchemaID])
    /// Applies to items from `start` on (after `prefixItems`, or draft-04's tuple `items`).
    case items(SchemaID, start: Int)
    case contains(SchemaID, min: Int, max: Int?)
    case allOf([SchemaID])
    case anyOf([SchemaID])
    case oneOf([SchemaID])
    case not(SchemaID)
    case conditional(if: SchemaID, then: SchemaID?, else: SchemaID?)
    case ref(SchemaReference)
    case dynamicRef(SchemaReference)
    case unevaluatedProperties(SchemaID)
    case unevaluatedItems(SchemaID)
    /// OpenAPI's `discriminator`: picks the schema for an object by a property's value. It is a
    /// hint (OpenAPI 3.1): a value it does not map is judged by the `oneOf`/`anyOf` beside it
    /// (`alternatives`, with whether exactly one must match), as if there were no hint.
    case discriminator(property: String, mapping: [String: SchemaReference], alternatives: (schemas: [SchemaID], exactlyOne: Bool)?)
}
