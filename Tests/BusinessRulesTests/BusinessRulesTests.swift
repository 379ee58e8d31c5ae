import BusinessRules
import Foundation
import OpenAPIModel
import SchemaValidation
import TestSupport
import Testing
import YAMLSource

let contract: OpenAPIDocument = OpenAPILoader().load(file: RepositoryPaths.contract).document!

func json(_ text: String) -> JSONValue { try! JSONParser().parse(text) }

@Suite("Business rules")
struct BusinessRulesTests {
    let rulesFile = RepositoryPaths.contractRules

    func rules() throws -> OperationRules {
        let (rules, diagnostics) = BusinessRules.load(file: rulesFile, document: contract)
        #expect(diagnostics == [])
        return try #require(rules?.rules(for: "createPartnerInvitation"))
    }

    let request = json(#"{"partnerEmailId": "NS05_merchant@yopmail.com", "expirationDays": 10}"#)
    let example = try! JSONParser().parse(Array(FileManager.default.contents(atPath: RepositoryPaths.invitationExample)!))

    @Test("the partner API's rules file declares the invitation rules")
    func declared() throws {
        let rules = try rules()
        let creation = try #require(rules.creation)
        #expect(creation.identity.description == "/partnerEmailId")
        #expect(creation.caseInsensitive)
        #expect(creation.activeDays?.description == "/expirationDays")
        #expect(creation.conflictStatus == 409)
        #expect(creation.key(in: json(#"{"partnerEmailId": "A@Example.COM"}"#)) == "a@example.com")
        #expect(creation.days(in: request) == 10)
        #expect(rules.response.echo.map { "\($0.response) <- \($0.request)" } == ["/email <- /partnerEmailId"])
        #expect(rules.response.constants.map { "\($0.response) = \($0.value.jsonText)" } == [#"/status = "Invited""#])
        #expect(rules.response.now.map(\.description) == ["/insertTimestamp"])
        #expect(rules.response.expiry.map(\.description) == ["/expirationDate"])
        #expect(rules.response.unique.map(\.description) == ["/invitationId"])
        let errorBody = try #require(BusinessRules.load(file: rulesFile, document: contract).rules?.errorBody)
        #expect(errorBody.members?.description == "/errors/0/parameters")
        #expect(BusinessRules.defaultFile(forSpec: "specs/partneraccount.yaml") == "specs/partneraccount.rules.yaml")
    }

    @Test("the vendor's public example keeps every rule")
    func exampleKeepsRules() throws {
        #expect(try rules().check(request: request, response: example) == [])
    }

    @Test("broken rules are named with what differed and where the rule is declared")
    func violations() throws {
        let rules = try rules()
        let drifted =
            example
            .setting(.string("someone@else.com"), at: JSONPointer(tokens: ["email"]))
            .setting(.string("Pending"), at: JSONPointer(tokens: ["status"]))
            .setting(.string("2024-09-26T12:40:24Z"), at: JSONPointer(tokens: ["expirationDate"]))
        #expect(
            rules.check(request: request, response: drifted).map(\.description) == [
                #"#/email: echo: expected the request's /partnerEmailId "NS05_merchant@yopmail.com", found "someone@else.com" (rule at \#(rulesFile):17:9)"#,
                #"#/status: constant: expected "Invited", found "Pending" (rule at \#(rulesFile):19:9)"#,
                "#/expirationDate: expiry: expected /insertTimestamp + 10 days = 2024-09-25T12:40:24.256521003Z (within 5 s), found 2024-09-26T12:40:24Z, 1.00 days off (rule at \(rulesFile):16:7)",
            ])
        let upperCase = request.setting(.string("ns05_MERCHANT@yopmail.com"), at: JSONPointer(tokens: ["partnerEmailId"]))
        #expect(rules.check(request: upperCase, response: example) == [], "addresses compare without case")
    }

    @Test("a rules file that does not fit its document is reported line by line")
    func badRulesFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
        operations:
          createInvitation:
            creates: {identity: /email}
          createPartnerInvitation:
            creates: {identity: /email, conflictStatus: 410}
            response:
              echo: {/mail: /partnerEmailId}
              expiry: [/expirationDate]
        extras: {}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (rules, diagnostics) = BusinessRules.load(file: path, document: contract)
        #expect(rules == nil)
        #expect(
            diagnostics.map(\.description) == [
                "\(path):9:1: error: unknown field 'extras': expected 'operations' or 'errors'",
                "\(path):2:3: error: no operation 'createInvitation' in the document: expected one of createPartnerInvitation",
                "\(path):5:25: error: the request schema (#/components/schemas/CreateInvitationRequest) declares no member 'email' for '/email'",
                "\(path):7:14: error: the response schema (#/components/schemas/Invitation) declares no member 'mail' for '/mail'",
                "\(path):8:15: error: 'expiry' needs 'creates.activeDays' to know how many days to add",
            ])
    }
}

@Suite("RFC 3339 timestamps")
struct TimestampTests {
    @Test("parsing and formatting keep nanoseconds and the year 0001")
    func roundTrip() throws {
        for text in ["2024-09-15T12:40:24.256521003Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.5Z"] {
            #expect(try #require(Timestamp(rfc3339: text)).rfc3339 == text)
        }
        #expect(Timestamp(rfc3339: "2024-09-15T14:40:24+02:00")?.rfc3339 == "2024-09-15T12:40:24Z")
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z")?.seconds == 0)
        #expect(Timestamp(rfc3339: "0001-01-01T00:00:00Z")?.seconds == -62_135_596_800)
        #expect(Timestamp(rfc3339: "2024-09-15 12:40:24Z") == nil)
        #expect(Timestamp(rfc3339: "2024-09-15T12:40:24") == nil)
    }

    @Test("day arithmetic crosses months, years and leap days")
    func arithmetic() throws {
        let start = try #require(Timestamp(rfc3339: "2024-02-25T10:00:00.123Z"))
        #expect(start.adding(days: 10).rfc3339 == "2024-03-06T10:00:00.123Z")
        #expect(start.adding(days: 365).rfc3339 == "2025-02-24T10:00:00.123Z")
        #expect(start.adding(days: 10).seconds(since: start) == 864_000)
    }
}

@Suite("Every declared rule can fail")
struct RuleKindTests {
    let rules = BusinessRules.load(file: RepositoryPaths.contractRules, document: contract).rules!.rules(for: "createPartnerInvitation")!
    let request = json(#"{"partnerEmailId": "NS05_merchant@yopmail.com", "expirationDays": 10}"#)

    /// A success body made now, as the mock would answer.
    func body(now: Timestamp, id: String = "xqlNEXQPL0mEod4") -> JSONValue {
        json(
            """
            {"invitationId": "\(id)", "email": "NS05_merchant@yopmail.com", "status": "Invited",
             "insertTimestamp": "\(now.rfc3339)", "expirationDate": "\(now.adding(days: 10).rfc3339)"}
            """)
    }

    @Test("a body made at the time of the request keeps every rule")
    func kept() {
        let now = Timestamp.systemNow()
        let timing = AnswerTiming(sent: now.adding(seconds: -1), answered: now, serverDate: Timestamp(seconds: now.seconds))
        #expect(rules.check(request: request, response: body(now: now), timing: timing) == [])
        #expect(rules.checkUnique([body(now: now, id: "a"), body(now: now, id: "b")]) == [])
        #expect(rules.checkOneActive(statuses: [409, 200, 409]) == nil)
    }

    @Test("each rule kind reports its own violation", arguments: RuleKind.allCases)
    func fails(kind: RuleKind) throws {
        let now = Timestamp(rfc3339: "2026-11-25T12:00:00Z")!
        let timing = AnswerTiming(sent: now, answered: now.adding(seconds: 1))
        var violations: [RuleViolation] = []
        switch kind {
        case .echo:
            violations = rules.check(
                request: request, response: body(now: now).setting(.string("x@example.com"), at: JSONPointer(tokens: ["email"])), timing: timing)
        case .constant:
            violations = rules.check(
                request: request, response: body(now: now).setting(.string("Pending"), at: JSONPointer(tokens: ["status"])), timing: timing)
        case .now:
            violations = rules.check(request: request, response: body(now: now.adding(seconds: -7200)), timing: timing)
        case .expiry:
            violations = rules.check(
                request: request, response: body(now: now).setting(.string("2026-12-06T12:00:00Z"), at: JSONPointer(tokens: ["expirationDate"])),
                timing: timing)
        case .unique:
            violations = rules.checkUnique([body(now: now), body(now: now)])
        case .oneActive:
            violations = [rules.checkOneActive(statuses: [200, 200, 409])].compactMap { $0 }
        }
        #expect(violations.map(\.rule) == [kind])
    }

    @Test("now: the time of the request, within the declared tolerance, judged by the server's Date when it sends one")
    func now() throws {
        let sent = Timestamp(rfc3339: "2026-11-25T12:00:00Z")!
        let answered = sent.adding(seconds: 1)
        let late = body(now: sent.adding(seconds: 3601))
        #expect(
            rules.check(request: request, response: late, timing: AnswerTiming(sent: sent, answered: answered)).map(\.description) == [
                "#/insertTimestamp: now: expected the time of the create, between 2026-11-25T12:00:00Z and 2026-11-25T12:00:01Z (within 10 s), found 2026-11-25T13:00:01Z, 1.00 hours off (rule at \(RepositoryPaths.contractRules):16:7)"
            ])
        // The server's clock is an hour ahead of this machine's and its timestamp agrees with
        // it: clock skew, not a wrong timestamp.
        let skewed = AnswerTiming(sent: sent, answered: answered, serverDate: sent.adding(seconds: 3601))
        #expect(rules.check(request: request, response: late, timing: skewed) == [])
        // The server's Date is right and the timestamp two hours behind it: a wrong timestamp.
        let behind = body(now: sent.adding(seconds: -7200))
        #expect(
            rules.check(request: request, response: behind, timing: AnswerTiming(sent: sent, answered: answered, serverDate: sent)).map(\.description)
                == [
                    "#/insertTimestamp: now: expected the time of the create: the answer's Date says 2026-11-25T12:00:00Z (within 10 s), found 2026-11-25T10:00:00Z, 2.00 hours off (rule at \(RepositoryPaths.contractRules):16:7)"
                ])
        // A run that moved the mock's clock two days ahead expects its timestamps there.
        let moved = body(now: sent.adding(days: 2))
        #expect(
            rules.check(request: request, response: moved, timing: AnswerTiming(sent: sent, answered: answered, knownShift: 172_800...172_800)) == [])
    }

    @Test("the one-active rule says what came back")
    func oneActive() throws {
        #expect(
            rules.checkOneActive(statuses: [200, 200, 409, 200, 409])?.description
                == "#: one-active: expected exactly one of 5 creates for one partnerEmailId sent at once to succeed and 4 to get 409, found 3 × 200, 2 × 409 (rule at \(RepositoryPaths.contractRules):10:7)"
        )
        #expect(rules.checkOneActive(statuses: [409, 409])?.message.hasSuffix("found 2 × 409") == true)
    }

    @Test("HTTP dates: IMF-fixdate read and written")
    func httpDate() throws {
        let date = try #require(Timestamp(httpDate: "Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(date.rfc3339 == "1994-11-06T08:49:37Z")
        #expect(date.httpDate == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(Timestamp(rfc3339: "2026-11-25T19:27:18Z")?.httpDate == "Wed, 25 Nov 2026 19:27:18 GMT")
        for bad in [
            "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 32 Nov 1994 08:49:37 GMT", "",
        ] {
            #expect(Timestamp(httpDate: bad) == nil, "\(bad)")
        }
    }
}
