/// One way an answer differs from the contract: which check, what differed, where in the body,
/// and the spec line that says otherwise.
public struct CheckFailure: Sendable, Hashable, CustomStringConvertible {
    /// `status`, `content-type`, `schema`, `header`, `undocumented-member`, `rule: echo`, ...
    public var check: String
    public var message: String
    /// The JSON pointer in the response body, when the failure is about a member.
    public var pointer: String?
    /// `#/pointer at file:line:col` of the schema keyword or rule.
    public var specLocation: String?

    public init(check: String, message: String, pointer: String? = nil, specLocation: String? = nil) {
        self.check = check
        self.message = message
        self.pointer = pointer
        self.specLocation = specLocation
    }

    public var description: String {
        var text = "\(check): "
        if let pointer { text += "#\(pointer): " }
        text += message
        if let specLocation { text += " (spec: \(specLocation))" }
        return text
    }
}
