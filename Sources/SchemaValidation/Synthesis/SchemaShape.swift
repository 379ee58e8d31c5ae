/// The outline of a schema that case generation and the mock need: types, required members,
/// members in order, bounds and formats, gathered across `allOf` and `$ref`.
public struct SchemaShape: Sendable {
    /// The JSON types it allows (`string`, `integer`...); empty: any.
    public var types: [String]
    /// Whether `null` is allowed too.
    public var nullable: Bool
    /// The members an object must have.
    public var required: [String]
    /// Declared members in document order, each with its own validator.
    public var properties: [(name: String, validator: SchemaValidator)]
    /// `format`, when given (and asserted: `binary` is not, see `fileMediaType`).
    public var format: String?
    /// The media type of the file a value is: `contentMediaType`, or `application/octet-stream`
    /// for `format: binary`; `nil` when it is no file.
    public var fileMediaType: String?
    /// The values allowed (`enum`, `const`); empty: not limited.
    public var enumeration: [JSONValue]
    /// The lower bound, and whether it is exclusive.
    public var minimum: (value: JSONNumber, exclusive: Bool)?
    /// The upper bound, and whether it is exclusive.
    public var maximum: (value: JSONNumber, exclusive: Bool)?
    /// The shortest string, in characters.
    public var minLength: Int?
    /// The longest string, in characters.
    public var maxLength: Int?
    /// The ECMA-262 pattern strings must match.
    public var pattern: String?
    /// The fewest array items.
    public var minItems: Int?
    /// The most array items.
    public var maxItems: Int?
    /// The schema of array items, when it declares one.
    public var items: SchemaValidator?
    /// Whether array items must differ.
    public var uniqueItems: Bool
    /// What numbers must be a multiple of.
    public var multipleOf: JSONNumber?
    /// `false` when `additionalProperties: false` closes the object.
    public var allowsUndeclaredMembers: Bool
    /// Members whose schema (or the schema it references) is `readOnly`: never sent.
    public var readOnlyMembers: Set<String>
    /// Members whose schema (or the schema it references) is `writeOnly`: never returned.
    public var writeOnlyMembers: Set<String>

    /// The validator of a declared member.
    public func property(_ name: String) -> SchemaValidator? {
        properties.first { $0.name == name }?.validator
    }

    /// A parameter's text read as the type this schema declares (simple style): what a server
    /// validates for a path, query or header value.
    public func value(fromParameterText raw: String) -> JSONValue {
        switch types.first {
        case "integer", "number": JSONNumber(literal: raw).map(JSONValue.number) ?? .string(raw)
        case "boolean": raw == "true" ? .bool(true) : raw == "false" ? .bool(false) : .string(raw)
        case "array": .array(raw.split(separator: ",", omittingEmptySubsequences: false).map { .string(String($0)) })
        default: .string(raw)
        }
    }
}

extension SchemaValidator {
    /// This schema's outline.
    public var shape: SchemaShape {
        let facts = Facts(rootID, graph)
        var closed = false
        var nullable = false
        var maxItems: Int?
        var uniqueItems = false
        func scan(_ id: SchemaID, depth: Int) {
            guard depth < 12 else { return }
            for keyword in graph[id].keywords {
                switch keyword.kind {
                case .additionalProperties(let rest, _, _): if graph[rest].boolean == false { closed = true }
                case .type(let check): nullable = nullable || check.nullable
                case .maxItems(let value): maxItems = value
                case .uniqueItems: uniqueItems = true
                case .allOf(let parts): parts.forEach { scan($0, depth: depth + 1) }
                case .ref(let link): if let target = link.target { scan(target, depth: depth + 1) }
                default: break
                }
            }
        }
        scan(rootID, depth: 0)
        let types = facts.types.map(\.rawValue)
        return SchemaShape(
            types: types, nullable: nullable || types.contains("null"), required: facts.required,
            properties: facts.propertyOrder.compactMap { name in
                facts.properties[name].map { (name, validator(for: $0)) }
            },
            format: facts.format, fileMediaType: facts.fileMediaType, enumeration: facts.enumeration, minimum: facts.minimum, maximum: facts.maximum,
            minLength: facts.minLength, maxLength: facts.maxLength, pattern: facts.pattern?.source,
            minItems: facts.minItems, maxItems: maxItems,
            items: facts.items.map(validator(for:)),
            uniqueItems: uniqueItems, multipleOf: facts.multipleOf, allowsUndeclaredMembers: !closed,
            readOnlyMembers: facts.readOnly, writeOnlyMembers: facts.writeOnly)
    }
}
