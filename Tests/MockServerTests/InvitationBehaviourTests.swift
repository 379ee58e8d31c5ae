import BusinessRules
import Foundation
import HTTPTypes
import MockServer
import SchemaValidation
import Synchronization
import Testing
import YAMLSource

@Suite("The mock: invitation behaviour")
struct InvitationBehaviourTests {
    @Test("a create answers the documented 200 body, with the rules applied")
    func create() async throws {
        try await withMock { client in
            let answer = try await client.create(email: "Partner.One@Example.com", days: 10)
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(answer.headers[.init("X-PB-TransactionId")!] != nil)
            let body = try #require(answer.json)
            #expect(ContractSchemas.invitation.validate(body, direction: .response) == [])
            #expect(body["email"] == .string("Partner.One@Example.com"))
            #expect(body["status"] == .string("Invited"))
            let inserted = try #require(body["insertTimestamp"]?.stringValue.flatMap(Timestamp.init(rfc3339:)))
            let expires = try #require(body["expirationDate"]?.stringValue.flatMap(Timestamp.init(rfc3339:)))
            #expect(expires.seconds(since: inserted) == 10 * 86_400)
            let request = try JSONParser().parse(#"{"partnerEmailId": "Partner.One@Example.com", "expirationDays": 10}"#)
            #expect(contractRules.rules(for: "createPartnerInvitation")?.check(request: request, response: body) == [])
        }
    }

    @Test("over the wire (Hummingbird in front): the answer arrives as the mock made it, and a body past the cap is refused")
    func overHTTP() async throws {
        try await withMock(transport: .http) { client in
            let answer = try await client.create(email: "wire@example.com", days: 10)
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(try #require(answer.json)["email"] == .string("wire@example.com"))
            let padding = String(repeating: "a", count: 70 * 1024)
            let large = try await client.create(#"{"partnerEmailId": "wire2@example.com", "expirationDays": 10, "pad": "\#(padding)"}"#)
            #expect(large.status == 400, "the contract documents no 413: a refusal answers as its 400")
            #expect(large.text.contains("larger than"), "\(large.text)")
        }
    }

    @Test("one active invitation per address, compared without case: the second create gets 409")
    func conflict() async throws {
        try await withMock { client in
            #expect(try await client.create(email: "dup@example.com").status == 200)
            let second = try await client.create(email: "DUP@example.com")
            #expect(second.status == 409)
            let body = try #require(second.json)
            #expect(ContractSchemas.errorResponse.validate(body, direction: .response) == [])
            #expect(body.value(at: JSONPointer(tokens: ["errors", "0", "parameters"])) == .array([.string("partnerEmailId")]))
            #expect(
                body.value(at: JSONPointer(tokens: ["errors", "0", "errorDescription"]))?.stringValue?
                    .hasPrefix("Invitation already exists for this emailId.") == true)
            #expect(try await client.create(email: "other@example.com").status == 200)
        }
    }

    @Test("after expiry a new invitation can be created for the address")
    func expiry() async throws {
        try await withMock { client in
            #expect(try await client.create(email: "later@example.com", days: 2).status == 200)
            try await client.advanceClock(days: 1)
            #expect(try await client.create(email: "later@example.com", days: 2).status == 409)
            try await client.advanceClock(days: 1)
            let again = try await client.create(email: "later@example.com", days: 2)
            #expect(again.status == 200)
            let state = try #require(try await client.send(.get, "/__mock/state").json)
            #expect(state["resources"]?.arrayValue?.compactMap { $0["active"] } == [.bool(false), .bool(true)])
        }
    }

    @Test("50 simultaneous creates for one address give exactly one success")
    func concurrentCreates() async throws {
        try await withMock { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await client.create(email: "race@example.com").status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 49)
        }
    }

    @Test(
        "racy-duplicate-check: a race's creates for one address all succeed, whatever their spread; a create after them is refused"
    )
    func racyCreates() async throws {
        try await withMock(faults: [.racyDuplicateCheck]) { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<CreationRule.raceWidth {
                    group.addTask {
                        // Spread far wider than any pause a timed window would allow: the first ones wait for the rest.
                        try await Task.sleep(for: .milliseconds(40 * index))
                        return try await client.create(email: "racy@example.com").status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: CreationRule.raceWidth))
            #expect(try await client.create(email: "racy@example.com").status == 409)
            #expect(try await client.create(email: "alone@example.com").status == 200, "a create with no rival goes on")
        }
    }

    @Test("reset clears the invitations and the clock")
    func reset() async throws {
        try await withMock { client in
            #expect(try await client.create(email: "reset@example.com").status == 200)
            try await client.advanceClock(days: 3)
            #expect(try await client.send(.post, "/__mock/reset").status == 200)
            let state = try #require(try await client.send(.get, "/__mock/state").json)
            #expect(state["resources"] == .array([]))
            #expect(try await client.create(email: "reset@example.com").status == 200)
        }
    }

    @Test("one seed, the same answers apart from the clock")
    func seeded() async throws {
        let ids = Mutex<[[String]]>([])
        for _ in 0..<2 {
            try await withMock(seed: 42) { client in
                var run: [String] = []
                for index in 0..<3 {
                    let body = try #require(try await client.create(email: "seed\(index)@example.com").json)
                    run.append(try #require(body["invitationId"]?.stringValue))
                }
                ids.withLock { $0.append(run) }
            }
        }
        let runs = ids.withLock { $0 }
        #expect(runs[0] == runs[1])
        #expect(Set(runs[0]).count == 3)
        #expect(runs[0].allSatisfy { $0.count == 15 })
    }

    @Test("routes come from the document: unknown paths 404, undeclared methods 405 with Allow")
    func routing() async throws {
        try await withMock { client in
            let missing = try await client.send(.get, "/developerprofile/api/v1/nothing")
            #expect(missing.status == 404)
            #expect(missing.contentType == "application/problem+json")
            let outside = try await client.send(.post, "/api/v1/invitation")
            #expect(outside.status == 404)
            let method = try await client.send(.delete, invitationPath)
            #expect(method.status == 405)
            #expect(method.headers[.allow] == "POST")
        }
    }

    @Test("every request is logged, with the credentials redacted")
    func logging() async throws {
        let capture = LogCapture()
        try await withMock(logger: capture.logger) { client in
            _ = try await client.create(email: "log@example.com")
        }
        let lines = capture.lines.withLock { $0 }
        let line = try #require(lines.first { $0.contains("POST /developerprofile/api/v1/invitation -> 200") })
        #expect(line.contains("Bearer [REDACTED]"))
        #expect(!lines.contains { $0.contains(token) })
    }

    @Test("latency is added before each answer")
    func latency() async throws {
        try await withMock(latency: .milliseconds(150)) { client in
            let started = ContinuousClock.now
            _ = try await client.create(email: "slow@example.com")
            #expect(ContinuousClock.now - started >= .milliseconds(150))
        }
    }
}
