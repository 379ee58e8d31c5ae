import BusinessRules
import Foundation
import HTTPTypes
import MockServer
import SchemaValidation
import Synchronization
import Testing

/// The mock's memory stays bounded however long it runs: `--max-resources`, a paged state.
@Suite("The mock: bounded state")
struct BoundedStateTests {
    static func keys(_ state: JSONValue?) -> [String] {
        state?["resources"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
    }

    static func forgotten(_ capture: LogCapture) -> [String] {
        capture.lines.withLock { $0 }.filter { $0.hasPrefix("forgot") }.map { line in
            // The creation time varies; the capture adds the (empty) metadata.
            let message = line.hasSuffix(" [:]") ? String(line.dropLast(4)) : line
            return message.components(separatedBy: " (created ").first ?? message
        }
    }

    @Test("a full ledger forgets an expired invitation first, then the oldest, warning of each")
    func evictions() async throws {
        let capture = LogCapture()
        try await withMock(logger: capture.logger, maxResources: 3) { client in
            #expect(try await client.create(email: "a@example.com", days: 1).status == 200)
            #expect(try await client.create(email: "b@example.com", days: 5).status == 200)
            #expect(try await client.create(email: "c@example.com", days: 5).status == 200)
            try await client.advanceClock(days: 2)
            #expect(try await client.create(email: "d@example.com", days: 5).status == 200)
            #expect(try await client.create(email: "e@example.com", days: 5).status == 200)
            let state = try #require(try await client.send(.get, "/__mock/state").json)
            #expect(Self.keys(state) == ["c@example.com", "d@example.com", "e@example.com"])
            #expect(state["total"] == .number(JSONNumber(3)))
            // Forgotten, b's name is free again; c's is still taken.
            #expect(try await client.create(email: "b@example.com", days: 5).status == 200)
            #expect(try await client.create(email: "d@example.com", days: 5).status == 409)
        }
        #expect(
            Self.forgotten(capture) == [
                "forgot expired resource createPartnerInvitation a@example.com",
                "forgot the oldest resource createPartnerInvitation b@example.com",
                "forgot the oldest resource createPartnerInvitation c@example.com",
            ])
    }

    @Test("ordinary resources: the one untouched longest is forgotten when the store is full")
    func storeEvictions() async throws {
        let capture = LogCapture()
        try await withMock(token: "t", document: ResourceTests.petstore, rules: .none, logger: capture.logger, maxResources: 2) { client in
            let auth = ["api_key": "t", "Authorization": "Bearer t", "Content-Type": "application/json"]
            for name in ["ann", "bob", "cy"] {
                let user =
                    #"{"id": 1, "username": "\#(name)", "firstName": "F", "lastName": "L", "email": "x@example.com", "password": "pw", "phone": "1", "userStatus": 1}"#
                #expect(try await client.send(.post, "/api/v3/user", headers: auth, body: Array(user.utf8)).status == 200)
            }
            let bob = try await client.send(.get, "/api/v3/user/bob", headers: auth)
            #expect(bob.json?["username"] == .string("bob"))
            let ann = try await client.send(.get, "/api/v3/user/ann", headers: auth)
            #expect(ann.json?["username"] != .string("ann"), "ann was forgotten: the answer is the documented example")
        }
        #expect(Self.forgotten(capture) == ["forgot the resource untouched longest, /user/{username} ann, to stay within --max-resources 2"])
    }

    @Test("the state route is paged: offset, limit, total and the next page's address")
    func paged() async throws {
        try await withMock { client in
            for index in 0..<5 {
                #expect(try await client.create(email: "p\(index)@example.com").status == 200)
            }
            let first = try #require(try await client.send(.get, "/__mock/state?limit=2").json)
            #expect(Self.keys(first) == ["p0@example.com", "p1@example.com"])
            #expect(first["total"] == .number(JSONNumber(5)))
            #expect(first["next"] == .string("/__mock/state?offset=2&limit=2"))
            let last = try #require(try await client.send(.get, "/__mock/state?offset=4&limit=2").json)
            #expect(Self.keys(last) == ["p4@example.com"])
            #expect(last["next"] == .null)
            let whole = try #require(try await client.send(.get, "/__mock/state").json)
            #expect(whole["limit"] == .number(JSONNumber(100)))
            #expect(Self.keys(whole).count == 5)
        }
    }

    @Test(
        "a page asked for wrongly is refused in words",
        arguments: [
            ("limit=0", "limit: expected a whole number from 1 to 1000, found '0'"),
            ("limit=5000", "limit: expected a whole number from 1 to 1000, found '5000'"),
            ("offset=-1", "offset: expected a whole number from 0, found '-1'"),
            ("offset=x&limit=2", "offset: expected a whole number from 0, found 'x'"),
        ])
    func refused(query: String, detail: String) async throws {
        try await withMock { client in
            let answer = try await client.send(.get, "/__mock/state?\(query)")
            #expect(answer.status == 400)
            #expect(answer.json?["detail"] == .string(detail))
        }
    }
}

/// mock-request fuzzing: a clock move of 366666666666666666 days overflowed the seconds (a
/// trap that stopped the mock). Moves are bounded to 1000 years in all, refused in words.
@Suite("Fuzz findings stay fixed: the mock's clock")
struct ClockBoundTests {
    @Test("a move too far is refused in words, and the clock stays where it was")
    func tooFar() async throws {
        try await withMock { client in
            let answer = try await client.send(
                .post, "/__mock/clock", headers: ["Content-Type": "application/json"],
                body: Array(#"{"advanceDays": 366666666666666666}"#.utf8))
            #expect(answer.status == 400)
            #expect(answer.json?["detail"] == .string("the clock moves at most 1000 years (31536000000 seconds) from the real time in all"))
            #expect(try await client.create(email: "still@example.com", days: 1).status == 200)
            #expect(try await client.create(email: "still@example.com", days: 1).status == 409, "the clock did not move")
        }
    }
}
