/// Which schema keywords hold subschemas, per dialect: the map a walker (the reference check,
/// the validator) follows to reach every schema and nothing that is only data (`enum`,
/// `const`, `default`, `examples`).
public enum SchemaKeywords {
    /// Keywords whose value is one schema.
    public static func single(_ dialect: SchemaDialect) -> Set<String> {
        switch dialect {
        case .openAPI30: ["not", "items", "additionalProperties"]
        case .jsonSchema2020_12:
            [
                "not", "items", "additionalProperties", "additionalItems", "contains", "if", "then", "else",
                "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema",
            ]
        }
    }

    /// Keywords whose value is an array of schemas.
    public static func array(_ dialect: SchemaDialect) -> Set<String> {
        switch dialect {
        case .openAPI30: ["allOf", "anyOf", "oneOf"]
        case .jsonSchema2020_12: ["allOf", "anyOf", "oneOf", "prefixItems"]
        }
    }

    /// Keywords whose value maps names to schemas.
    public static func map(_ dialect: SchemaDialect) -> Set<String> {
        switch dialect {
        case .openAPI30: ["properties"]
        case .jsonSchema2020_12:
            ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]
        }
    }
}
