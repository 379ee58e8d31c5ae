import OpenAPIModel
import YAMLSource

/// One way an answer differs from the contract: which check, what differed, where in the body,
/// and the place in the contract that says otherwise.
public struct CheckFailure: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The check that failed.
    public var check: CheckName
    /// What was wrong, with what was found this time.
    public var message: String
    /// Where in the response body, when the failure is about a member.
    public var pointer: JSONPointer?
    /// The schema keyword, rule or object of the contract the answer breaks.
    public var specLocation: SpecLocation?
    /// What was expected, without what was found this time: failures with the same check,
    /// member and expectation are one problem, however many cases show it.
    public var expectation: String
    /// Whether the value a case sent is the cause: a status that misjudged it (an invalid value
    /// accepted, a valid one refused). Such failures are told apart by the request member the
    /// case varied; any other (a 500, an undocumented 201, a wrong body) has one cause whatever
    /// member was varied. `nil` in reports written before it was recorded: not.
    public var causedBySentValue: Bool?

    /// A failure of `check` against `expectation`; `causedBySentValue`: see its property.
    public init(
        check: CheckName, message: String, pointer: JSONPointer? = nil, specLocation: SpecLocation? = nil, expectation: String,
        causedBySentValue: Bool = false
    ) {
        self.check = check
        self.message = message
        self.pointer = pointer
        self.specLocation = specLocation
        self.expectation = expectation
        self.causedBySentValue = causedBySentValue ? true : nil
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
