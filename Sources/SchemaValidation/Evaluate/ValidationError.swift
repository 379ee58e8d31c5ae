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
    /// For `required` (and `dependentRequired`): the member that is missing, at
    /// `instancePointer`.
    public var missingMember: String?

    /// An error of `keyword` at `instancePointer`.
    public init(instancePointer: JSONPointer, keyword: String, message: String, schema: SchemaLocation, missingMember: String? = nil) {
        self.instancePointer = instancePointer
        self.keyword = keyword
        self.message = message
        self.schema = schema
        self.missingMember = missingMember
    }

    /// The pointer of the member the error is about: the missing member's, or the
    /// instance's own.
    public var memberPointer: JSONPointer {
        missingMember.map { instancePointer.appending($0) } ?? instancePointer
    }

    /// `#/email: format: expected an email address, found "x" (schema #/.../format at file:line:col)`.
    public var description: String {
        "#\(instancePointer): \(keyword): \(message) (schema \(schema))"
    }
}
