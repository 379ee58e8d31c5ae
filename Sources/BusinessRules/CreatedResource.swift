import SchemaValidation
import YAMLSource

/// A resource a success answer says it created, dated by the server's own clock (the body's
/// `now` and `expiry` members): what a later create for the same name is judged against when
/// recorded traffic is judged after the fact. The server's clock, not the recording's, so a
/// server whose clock was moved (the mock past an expiry) or runs off is judged by what it says.
public struct CreatedResource: Sendable, Equatable {
    /// The name, normalized as the rule compares names.
    public var key: String
    /// The name as the request sent it.
    public var name: String
    /// The time of the create, from the body's first `now` member.
    public var created: Timestamp
    /// The end of the active time: the earlier of the body's `expiry` members and `created`
    /// plus the requested days (`nil`: the rule declares no end).
    public var activeUntil: Timestamp?
    /// Where it was recorded (`session.har entry 3`).
    public var source: String
}

extension OperationRules {
    /// The resource a success answer created, when the rule names one and the body dates it;
    /// `nil` when it does not (then nothing can be said about a later create).
    public func createdResource(request: JSONValue, response: JSONValue, source: String) -> CreatedResource? {
        guard let creation, let key = creation.key(in: request), case .string(let name)? = request.value(at: creation.identity),
            let first = self.response.now.first, let created = response.value(at: first)?.stringValue.flatMap(Timestamp.init(rfc3339:))
        else { return nil }
        var activeUntil: Timestamp?
        if creation.activeDays != nil {
            let ends =
                (creation.days(in: request).map { [created.adding(days: $0)] } ?? [])
                + self.response.expiry.compactMap { response.value(at: $0)?.stringValue.flatMap(Timestamp.init(rfc3339:)) }
            // Neither the request nor the answer says how long it lasts: nothing to hold a later create to.
            guard let end = ends.min() else { return nil }
            activeUntil = end
        }
        return CreatedResource(key: key, name: name, created: created, activeUntil: activeUntil, source: source)
    }

    /// Two successful creates for one name while the first was active, by the server's own
    /// dates (within the rule's tolerance): the later one should have got the conflict status.
    public func checkOneActive(_ later: CreatedResource, status: Int, after earlier: CreatedResource) -> RuleViolation? {
        guard let creation, later.key == earlier.key else { return nil }
        let (first, second) = later.created < earlier.created ? (later, earlier) : (earlier, later)
        if let until = first.activeUntil, second.created.seconds(since: until) > -response.toleranceSeconds { return nil }
        let name = creation.identity.lastToken ?? "name"
        let active = earlier.activeUntil.map { "active until \($0.rfc3339)" } ?? "active with no end"
        return RuleViolation(
            rule: .oneActive,
            message:
                "expected \(creation.conflictStatus): the \(name) \(JSONValue.string(earlier.name).truncatedText()) has a resource created at \(earlier.created.rfc3339) (\(earlier.source)), \(active), found \(status) for a create at \(later.created.rfc3339)",
            pointer: .root, mark: creation.mark)
    }
}
