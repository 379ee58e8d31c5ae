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
    /// OpenAPI `readOnly`/`writeOnly` of this schema, for the direction checks of its parent.
    let readOnly: Bool
    let writeOnly: Bool
    /// The schema's own `example` (or first of `examples`, or `default`), for synthesis.
    let example: JSONValue?

    init(location: SchemaLocation, boolean: Bool? = nil, keywords: [Keyword] = [], resource: ResourceID? = nil,
         readOnly: Bool = false, writeOnly: Bool = false, example: JSONValue? = nil) {
        self.location = location
        self.boolean = boolean
        self.keywords = keywords
        self.resource = resource
        self.readOnly = readOnly
        self.writeOnly = writeOnly
        self.example = example
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

/// A `$ref` (or `$dynamicRef`) and the schema it leads to.
struct SchemaReference: Sendable {
    let ref: String
    let target: SchemaID?
    /// For `$dynamicRef`: the anchor name to look up in the dynamic scope, when the initial
    /// target declares it as a `$dynamicAnchor`.
    var dynamicAnchor: String?
    /// Why the reference could not be followed, when it could not.
    let problem: String?
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

    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.string, .string), (.array, .array), (.object, .object): true
        case (.number, .number): true
        case (.integer, .number(let number)): number.isInteger
        default: false
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
    private let positions: [String: Int]
    /// Members whose schema (or the schema it references) is `readOnly` / `writeOnly`.
    let readOnly: Set<String>
    let writeOnly: Set<String>

    init(names: [String], schemas: [SchemaID], readOnly: Set<String>, writeOnly: Set<String>) {
        self.names = names
        self.schemas = schemas
        self.positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
        self.readOnly = readOnly
        self.writeOnly = writeOnly
    }

    /// The schema of the member `name`, looking first where `hint` says.
    func schema(for name: String, hint: inout Int) -> SchemaID? {
        if hint < names.count, names[hint] == name {
            hint += 1
            return schemas[hint - 1]
        }
        guard let position = positions[name] else { return nil }
        hint = position + 1
        return schemas[position]
    }

    subscript(name: String) -> SchemaID? {
        positions[name].map { schemas[$0] }
    }
}

/// What a keyword checks, with its operands compiled.
enum KeywordKind: Sendable {
    /// `nullable`: OpenAPI 3.0's `nullable: true` beside `type` adds null to the types.
    case type([JSONType], nullable: Bool)
    case enumeration([JSONValue])
    case const(JSONValue)
    case multipleOf(JSONNumber)
    case maximum(JSONNumber, exclusive: Bool)
    case minimum(JSONNumber, exclusive: Bool)
    case maxLength(Int)
    case minLength(Int)
    case pattern(CompiledPattern)
    /// `always`: the resource's meta-schema asks for format assertion.
    case format(String, FormatCheck, always: Bool)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case maxProperties(Int)
    case minProperties(Int)
    /// With the names of the sibling `properties` that are `readOnly` (required only in
    /// responses) and `writeOnly` (required only in requests).
    case required([String], readOnly: Set<String>, writeOnly: Set<String>)
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
