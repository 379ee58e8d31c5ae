import Foundation

/// A schema compiled for evaluation: its keywords decoded once (bounds as numbers, patterns as
/// regular expressions, references as links to other compiled schemas).
///
/// Built and linked by `SchemaCompiler`, never changed after, so validators share them across
/// threads (hence `@unchecked Sendable`: the mutation happens before publication).
final class CompiledSchema: @unchecked Sendable {
    let location: SchemaLocation
    /// `true`/`false` schemas.
    var boolean: Bool?
    var keywords: [Keyword] = []
    /// The schema resource it belongs to (by its base URI): evaluation enters it into the
    /// dynamic scope.
    var resource: SchemaResource?
    /// OpenAPI `readOnly`/`writeOnly` of this schema, for the direction checks of its parent.
    var readOnly = false
    var writeOnly = false
    /// The schema's own `example` (or first of `examples`, or `default`), for synthesis.
    var example: JSONValue?

    init(location: SchemaLocation) {
        self.location = location
    }
}

/// A schema resource in the dynamic scope, with its `$dynamicAnchor`s.
final class SchemaResource: @unchecked Sendable {
    let uri: String
    var dynamicAnchors: [String: CompiledSchema] = [:]

    init(uri: String) {
        self.uri = uri
    }
}

/// A `$ref` (or `$dynamicRef`), linked once its target is compiled.
final class ReferenceLink: @unchecked Sendable {
    let ref: String
    var target: CompiledSchema?
    /// For `$dynamicRef`: the anchor name to look up in the dynamic scope, when the initial
    /// target declares it as a `$dynamicAnchor`.
    var dynamicAnchor: String?
    /// Why the reference could not be followed, when it could not.
    var problem: String?

    init(ref: String) {
        self.ref = ref
    }
}

/// One compiled keyword with the place it was written.
struct Keyword: Sendable {
    let kind: KeywordKind
    let location: SchemaLocation
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

/// A compiled regular expression with its source, for messages.
struct CompiledPattern: @unchecked Sendable {
    let source: String
    let expression: NSRegularExpression

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
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
    /// With the sibling `properties`, so a `readOnly` member is required only in responses
    /// and a `writeOnly` one only in requests.
    case required([String], properties: [String: CompiledSchema])
    case dependentRequired([(String, [String])])
    /// `order`: the names in document order.
    case properties([String: CompiledSchema], order: [String])
    case patternProperties([(CompiledPattern, CompiledSchema)])
    /// Applies to members that `properties` and `patternProperties` of the same schema miss.
    case additionalProperties(CompiledSchema, named: Set<String>, patterns: [CompiledPattern])
    case propertyNames(CompiledSchema)
    case dependentSchemas([(String, CompiledSchema)])
    case prefixItems([CompiledSchema])
    /// Applies to items from `start` on (after `prefixItems`, or draft-04's tuple `items`).
    case items(CompiledSchema, start: Int)
    case contains(CompiledSchema, min: Int, max: Int?)
    case allOf([CompiledSchema])
    case anyOf([CompiledSchema])
    case oneOf([CompiledSchema])
    case not(CompiledSchema)
    case conditional(if: CompiledSchema, then: CompiledSchema?, else: CompiledSchema?)
    case ref(ReferenceLink)
    case dynamicRef(ReferenceLink)
    case unevaluatedProperties(CompiledSchema)
    case unevaluatedItems(CompiledSchema)
    /// OpenAPI's `discriminator`: picks the schema for an object by a property's value. It is a
    /// hint (OpenAPI 3.1): a value it does not map is judged by the `oneOf`/`anyOf` beside it
    /// (`alternatives`, with whether exactly one must match), as if there were no hint.
    case discriminator(property: String, mapping: [String: ReferenceLink], alternatives: (schemas: [CompiledSchema], exactlyOne: Bool)?)
}
