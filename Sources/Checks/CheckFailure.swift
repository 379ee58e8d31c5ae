/// One way an answer differs from the contract: which check, what differed, where in the body,
/// and the spec line that says otherwise.
public struct CheckFailure: Sendable, Hashable, CustomStringConvertible {
    /// The check that failed.
    public var check: CheckName
    /// What was wrong, with what was found this time.
    public var message: String
    /// The JSON pointer in the response body, when the failure is about a member.
    public var pointer: String?
    /// `#/pointer at file:line:col` of the schema keyword or rule.
    public var specLocation: String?
    /// What was expected, without what was found this time: failures with the same check,
    /// member and expectation are one problem, however many cases show it.
    public var expectation: String

    /// A failure of `check`; its expectation defaults to the spec location.
    public init(check: CheckName, message: String, pointer: String? = nil, specLocation: String? = nil, expectation: String? = nil) {
        self.check = check
        self.message = message
        self.pointer = pointer
        self.specLocation = specLocation
        self.expectation = expectation ?? specLocation ?? ""
    }

    /// `schema: #/email: expected ... (spec: file:line:col)`.
    public var description: String {
        var text = "\(check.rawValue): "
        if let pointer { text += "#\(pointer): " }
        text += message
        if let specLocation { text += " (spec: \(specLocation))" }
        return text
    }
}
