/// One way an answer differs from the contract: which check, what differed, where in the body,
/// and the spec line that says otherwise.
public struct CheckFailure: Sendable, Hashable, CustomStringConvertible {
    public var check: CheckName
    public var message: String
    /// The JSON pointer in the response body, when the failure is about a member.
    public var pointer: String?
    /// `#/pointer at file:line:col` of the schema keyword or rule.
    public var specLocation: String?
    /// What was expected, without what was found this time: failures with the same check,
    /// member and expectation are one problem, however many cases show it.
    public var expectation: String

    public init(check: CheckName, message: String, pointer: String? = nil, specLocation: String? = nil, expectation: String? = nil) {
        self.check = check
        self.message = message
        self.pointer = pointer
        self.specLocation = specLocation
        self.expectation = expectation ?? specLocation ?? ""
    }

    public var description: String {
        var text = "\(check.rawValue): "
        if let pointer { text += "#\(pointer): " }
        text += message
        if let specLocation { text += " (spec: \(specLocation))" }
        return text
    }
}
