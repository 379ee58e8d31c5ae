import BusinessRules
import CaseGeneration
import Checks
import Execution
import FoundationEssentials
import TestSupport
import Testing

/// The rules over several answers, judged across recorded traffic in its order: one active
/// invitation per address by the server's own dates, and ids that never repeat.
@Suite("Recorded traffic: rules across the file")
struct TrafficRulesTests {
    static let sandbox = "https://api-sandbox.sendpro360.pitneybowes.com/developerprofile/api/v1/invitation"
    static let production = "https://api.sendpro360.pitneybowes.com/developerprofile/api/v1/invitation"

    /// A create as the sandbox answers it: created at `created`, expiring `days` later.
    static func create(
        _ email: String, id: String, created: String, expires: String, days: Int = 10, url: String = sandbox,
        status: Int = 200, source: String
    ) -> RecordedExchange {
        let request = #"{"partnerEmailId": "\#(email)", "expirationDays": \#(days)}"#
        let answer = """
            {"invitationId": "\(id)", "developerId": "sacd74e", "email": "\(email)", "status": "Invited", \
            "invitationType": "ONBOARD_REQUEST", "createdBy": "0oa20m6vx3wAZW7FQ0h8", "provisioningRequestID": null, \
            "archived": false, "insertTimestamp": "\(created)", "updateTimestamp": "0001-01-01T00:00:00Z", "expirationDate": "\(expires)"}
            """
        let exchange = Exchange(
            request: .init(
                method: "POST", url: url, headers: [("Authorization", "Bearer [REDACTED]"), ("Content-Type", "application/json")],
                body: Array(request.utf8)),
            response: .init(status: status, headers: [("Content-Type", "application/json")], body: Array(answer.utf8)),
            transportError: nil, duration: 0.1, retries: 0)
        return RecordedExchange(exchange: exchange, source: source)
    }

    static func verdict(_ traffic: [RecordedExchange], excluding: [CheckName] = []) -> TrafficVerdict {
        let (document, rules) = GateHarness.contract
        return TrafficVerifier(document: document, rules: rules, checks: CheckName.selection(only: nil, excluded: excluding, strict: false))
            .verify(traffic)
    }

    /// Each judged exchange's source and its failures, in words.
    static func failures(_ verdict: TrafficVerdict) -> [String: [String]] {
        Dictionary(
            uniqueKeysWithValues: verdict.results.map { result in
                (result.testCase.name.components(separatedBy: ":").first ?? "", result.failures.map(\.description))
            })
    }

    @Test("a second create for an active address that succeeds breaks one-active, by the server's own dates and whatever the case")
    func secondCreateWhileActive() {
        let verdict = Self.verdict([
            Self.create("ns05@yopmail.com", id: "a1", created: "2026-12-03T10:00:00Z", expires: "2026-12-13T10:00:00Z", source: "s.har entry 1"),
            Self.create("NS05@yopmail.com", id: "a2", created: "2026-12-03T11:00:00Z", expires: "2026-12-13T11:00:00Z", source: "s.har entry 2"),
        ])
        #expect(
            Self.failures(verdict) == [
                "s.har entry 1": [],
                "s.har entry 2": [
                    #"rule-one-active: #: expected 409: the partnerEmailId "ns05@yopmail.com" has a resource created at 2026-12-03T10:00:00Z (s.har entry 1), active until 2026-12-13T10:00:00Z, found 200 for a create at 2026-12-03T11:00:00Z (spec: \#(RepositoryPaths.contractRules):10:7)"#
                ],
            ])
    }

    @Test(
        "no failure where the record allows a second create: after the first expired (also when the server's clock was moved), to another server, the same exchange in two files, a check switched off"
    )
    func secondCreatesAllowed() {
        let first = Self.create(
            "ns05@yopmail.com", id: "a1", created: "2026-12-03T10:00:00Z", expires: "2026-12-13T10:00:00Z", source: "s.har entry 1")
        let afterExpiry = Self.create(
            "ns05@yopmail.com", id: "a2", created: "2027-01-04T10:00:00Z", expires: "2027-01-14T10:00:00Z", source: "s.har entry 2")
        let elsewhere = Self.create(
            "ns05@yopmail.com", id: "a3", created: "2026-12-03T11:00:00Z", expires: "2026-12-13T11:00:00Z",
            url: Self.production, source: "s.har entry 3")
        var again = first
        again.source = "copy.har entry 1"
        let duplicate = Self.create(
            "ns05@yopmail.com", id: "a4", created: "2026-12-03T12:00:00Z", expires: "2026-12-13T12:00:00Z", source: "s.har entry 4")
        #expect(Self.verdict([first, afterExpiry, elsewhere, again]).results.flatMap(\.failures).map(\.description) == [])
        #expect(Self.verdict([first, duplicate], excluding: [.ruleOneActive]).results.flatMap(\.failures).map(\.description) == [])
    }

    @Test(
        "a create that ends before the tolerance runs out is not held against the next; the earlier of the answer's expiry and the requested days ends it"
    )
    func activeTimeEnds() {
        // The answer says a later expiry than 10 days (a miscomputed expiry, the expiry rule's
        // matter): the requested days end it.
        let first = Self.create(
            "ns05@yopmail.com", id: "a1", created: "2026-12-03T10:00:00Z", expires: "2026-12-14T10:00:00Z", source: "s.har entry 1")
        let justAfter = Self.create(
            "ns05@yopmail.com", id: "a2", created: "2026-12-13T09:59:57Z", expires: "2026-12-23T09:59:57Z", source: "s.har entry 2")
        let verdict = Self.verdict([first, justAfter])
        #expect(verdict.results.flatMap(\.failures).map(\.check) == [.ruleExpiry])
    }

    @Test("an id handed out twice breaks unique on the answer that repeats it, naming where it was first")
    func repeatedIds() {
        let verdict = Self.verdict([
            Self.create("a@yopmail.com", id: "x1", created: "2026-12-03T10:00:00Z", expires: "2026-12-13T10:00:00Z", source: "s.har entry 1"),
            Self.create("b@yopmail.com", id: "x2", created: "2026-12-03T10:01:00Z", expires: "2026-12-13T10:01:00Z", source: "s.har entry 2"),
            Self.create("c@yopmail.com", id: "x1", created: "2026-12-03T10:02:00Z", expires: "2026-12-13T10:02:00Z", source: "s.har entry 3"),
        ])
        #expect(
            Self.failures(verdict) == [
                "s.har entry 1": [],
                "s.har entry 2": [],
                "s.har entry 3": [
                    #"rule-unique: #/invitationId: expected a new value for every resource, found "x1" again (first in s.har entry 1) (spec: \#(RepositoryPaths.contractRules):16:7)"#
                ],
            ])
    }
}
