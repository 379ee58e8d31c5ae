import YAMLSource

/// One way an instance fails its schema: where in the instance, which keyword, what was
/// expected and found, and the schema line that says so.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance (`#` is the whole body).
    public var instancePointer: JSONPointer
    /// The keyword that failed: `type`, `required`, `format`, ...
    public var keyword: String
    /// What was expected and what was found.
    public var message: String
    /// The keyword's place in the spec.
    public var schema: SchemaLocation

    public init(instancePointer: JSONPointer, keyword: String, message: String, schema: SchemaLocation) {
        self.instancePointer = instancePointer
        self.keyword = keyword
        self.message = message
        self.schema = schema
    }

    /// `#/email: format: expected an email address, found "x" (schema #/.../format at file:line:col)`.
    public var description: String {
        "#\(instancePointer): \(keyword): \(message) (schema \(schema))"
    }
}
