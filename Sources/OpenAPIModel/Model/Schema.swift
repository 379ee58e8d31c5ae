import YAMLSource

/// A schema kept whole: the raw node with every keyword (and the marks of all of them), where
/// it was written, and the dialect its keywords follow.
///
/// The model does not interpret schemas: the validator compiles them, so no keyword is lost.
public struct Schema: Sendable {
    /// The schema as written, every keyword kept.
    public var node: Node
    /// Where the object is written.
    public var location: Location
    /// Which rules its keywords follow (OpenAPI 3.0, JSON Schema 2020-12...).
    public var dialect: SchemaDialect

    /// A schema.
    public init(node: Node, location: Location, dialect: SchemaDialect) {
        self.node = node
        self.location = location
        self.dialect = dialect
    }

    /// The schema's `$ref`, when it is (or starts with) a reference.
    public var reference: String? { node["$ref"]?.string }

    /// Decodes a schema field: a mapping, or in JSON Schema 2020-12 also `true` or `false`.
    static func decode(_ position: Position, _ context: DecodingContext) -> Schema? {
        let node = position.node
        let isBoolean = node.scalar?.kind == .bool
        guard node.mapping != nil || (isBoolean && context.version.schemaDialect == .jsonSchema2020_12) else {
            let expected = context.version.schemaDialect == .openAPI30 ? "a mapping" : "a mapping or a boolean"
            context.error("expected a Schema object (\(expected)), found \(node.kindDescription)", at: position)
            return nil
        }
        return context.schema(at: position)
    }
}
