/// The outline of a schema that case generation and the mock need: types, required members,
/// members in order, bounds and formats, gathered across `allOf` and `$ref`.
public struct SchemaShape: Sendable {
    public var types: [String]
    public var nullable: Bool
    public var required: [String]
    /// Declared members in document order, each with its own validator.
    public var properties: [(name: String, validator: SchemaValidator)]
    public var format: String?
    public var enumeration: [JSONValue]
    public var minimum: (value: JSONNumber, exclusive: Bool)?
    public var maximum: (value: JSONNumber, exclusive: Bool)?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minItems: Int?
    public var maxItems: Int?
    /// The schema of array items, when it declares one.
    public var items: SchemaValidator?
    public var uniqueItems: Bool
    public var multipleOf: JSONNumber?
    /// `false` when `additionalProperties: false` closes the object.
    public var allowsUndeclaredMembers: Bool
    /// Members whose schema (or the schema it references) is `readOnly`: never sent.
    public var readOnlyMembers: Set<String>
    /// Members whose schema (or the schema it references) is `writeOnly`: never returned.
    public var writeOnlyMembers: Set<String>

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
            format: facts.format, enumeration: facts.enumeration, minimum: facts.minimum, maximum: facts.maximum,
            minLength: facts.minLength, maxLength: facts.maxLength, pattern: facts.pattern?.source,
            minItems: facts.minItems, maxItems: maxItems,
            items: facts.items.map(validator(for:)),
            uniqueItems: uniqueItems, multipleOf: facts.multipleOf, allowsUndeclaredMembers: !closed,
            readOnlyMembers: facts.readOnly, writeOnlyMembers: facts.writeOnly)
    }
}
