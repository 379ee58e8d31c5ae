import OpenAPIModel

/// The rules a schema is read by.
public enum ValidationDialect: String, Sendable, Hashable {
    /// JSON Schema draft-04.
    case draft4
    /// OpenAPI 3.0's Schema Object: draft-04 plus `nullable`, `discriminator`,
    /// `readOnly`/`writeOnly`.
    case openAPI30
    /// JSON Schema 2020-12 (OpenAPI 3.1 and 3.2).
    case draft2020_12

    /// The rules a document's schema dialect reads schemas by.
    public init(_ dialect: SchemaDialect) {
        switch dialect {
        case .openAPI30: self = .openAPI30
        case .jsonSchema2020_12: self = .draft2020_12
        }
    }

    /// The dialect a `$schema` URI names, if it is one this validator knows.
    init?(schemaURI: String) {
        let trimmed = schemaURI.hasSuffix("#") ? String(schemaURI.dropLast()) : schemaURI
        switch trimmed {
        case "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema": self = .draft4
        case "https://json-schema.org/draft/2020-12/schema": self = .draft2020_12
        default: return nil
        }
    }

    /// draft-04 and OpenAPI 3.0 ignore every sibling of `$ref`.
    var refOverridesSiblings: Bool { self != .draft2020_12 }

    /// The keyword that names a schema resource.
    var idKeyword: String { self == .draft2020_12 ? "$id" : "id" }

    /// Keywords whose value is one subschema, an array of them, or a map of them: the
    /// places a walk looks for subschemas (and nothing that is only data).
    var subschemaKeywords: SubschemaKeywords {
        self == .draft2020_12 ? .draft2020_12 : .draft4
    }
}

/// The keywords of a dialect that hold subschemas, built once per dialect.
struct SubschemaKeywords: Sendable {
    let single: Set<String>
    let array: Set<String>
    let map: Set<String>

    static let draft4 = SubschemaKeywords(
        single: ["not", "items", "additionalProperties", "additionalItems"],
        array: ["allOf", "anyOf", "oneOf", "items"],
        map: ["properties", "patternProperties", "definitions", "dependencies"])

    static let draft2020_12 = SubschemaKeywords(
        single: [
            "not", "items", "additionalProperties", "contains", "if", "then", "else", "propertyNames",
            "unevaluatedItems", "unevaluatedProperties", "contentSchema",
        ],
        array: ["allOf", "anyOf", "oneOf", "prefixItems"],
        map: ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"])
}

/// Which way a body travels: `readOnly` members must not be sent in requests, `writeOnly`
/// members must not come back in responses.
public enum Direction: Sendable {
    case none, request, response
}
