import BusinessRules
import Foundation
import MockServer
import SchemaValidation
import Testing
import YAMLSource

@Suite("The mock: each named fault drifts from the contract")
struct FaultTests {
    let request = #"{"partnerEmailId": "fault@example.com", "expirationDays": 10}"#

    func successBody(_ answer: Answer) throws -> JSONValue {
        try #require(answer.json)
    }

    @Test("wrong-success-status")
    func wrongSuccessStatus() async throws {
        try await withMock(faults: [.wrongSuccessStatus]) { client in
            let answer = try await client.create(request)
            #expect(answer.status == 201)
        }
    }

    @Test("missing-required-member")
    func missingRequiredMember() async throws {
        try await withMock(faults: [.missingRequiredMember]) { client in
            let errors = ContractSchemas.invitation.validate(try #require(try await client.create(request).json), direction: .response)
            #expect(errors.map(\.message) == ["required member 'invitationId' is missing"])
        }
    }

    @Test("wrong-member-type")
    func wrongMemberType() async throws {
        try await withMock(faults: [.wrongMemberType]) { client in
            let errors = ContractSchemas.invitation.validate(try #require(try await client.create(request).json), direction: .response)
            #expect(errors.map { "\($0.instancePointer) \($0.keyword)" } == ["/invitationId type"])
        }
    }

    @Test("malformed-date-time")
    func malformedDateTime() async throws {
        try await withMock(faults: [.malformedDateTime]) { client in
            let errors = ContractSchemas.invitation.validate(try #require(try await client.create(request).json), direction: .response)
            #expect(errors.map { "\($0.instancePointer) \($0.keyword)" } == ["/insertTimestamp format"])
        }
    }

    @Test("wrong-content-type")
    func wrongContentType() async throws {
        try await withMock(faults: [.wrongContentType]) { client in
            let answer = try await client.create(request)
            #expect(answer.contentType == "text/plain; charset=utf-8")
        }
    }

    @Test("invalid-input-accepted")
    func invalidInputAccepted() async throws {
        try await withMock(faults: [.invalidInputAccepted]) { client in
            let answer = try await client.create(#"{"partnerEmailId": "not an email", "expirationDays": -4}"#)
            #expect(answer.status == 200)
        }
    }

    @Test("auth-ignored")
    func authIgnored() async throws {
        try await withMock(faults: [.authIgnored]) { client in
            let answer = try await client.create(request, authorization: nil)
            #expect(answer.status == 200)
        }
    }

    @Test("duplicate-invitations")
    func duplicatesAllowed() async throws {
        try await withMock(faults: [.duplicatesAllowed]) { client in
            let answer1 = try await client.create(request)
            #expect(answer1.status == 200)
            let answer2 = try await client.create(request)
            #expect(answer2.status == 200)
        }
    }

    @Test("expiry-ignored")
    func expiryIgnored() async throws {
        try await withMock(faults: [.expiryIgnored]) { client in
            let answer3 = try await client.create(request)
            #expect(answer3.status == 200)
            try await client.advanceClock(days: 11)
            let answer4 = try await client.create(request)
            #expect(answer4.status == 409)
        }
    }

    @Test("wrong-error-shape")
    func wrongErrorShape() async throws {
        try await withMock(faults: [.wrongErrorShape]) { client in
            let answer = try await client.create(#"{"expirationDays": 1}"#)
            #expect(answer.status == 400)
            #expect(!ContractSchemas.errorResponse.isValid(try #require(answer.json), direction: .response))
        }
    }

    @Test("server-error-on-malformed")
    func serverErrorOnMalformed() async throws {
        try await withMock(faults: [.serverErrorOnMalformed]) { client in
            let answer = try await client.create("{not json")
            #expect(answer.status == 500)
        }
    }

    @Test("undocumented-member")
    func undocumentedMember() async throws {
        try await withMock(faults: [.undocumentedMember]) { client in
            let body = try #require(try await client.create(request).json)
            #expect(body["internalTraceId"] != nil)
            #expect(ContractSchemas.invitation.isValid(body, direction: .response), "additional members are allowed by the schema")
        }
    }

    @Test("echo-broken, constant-broken and expiry-miscomputed break the business rules", arguments: [
        (Fault.echoBroken, "echo"), (.constantBroken, "constant"), (.expiryMiscomputed, "expiry"),
    ])
    func ruleFaults(fault: Fault, rule: String) async throws {
        try await withMock(faults: [fault]) { client in
            let body = try #require(try await client.create(request).json)
            let sent = try JSONParser().parse(request)
            let violations = contractRules.rules(for: "createPartnerInvitation")?.check(request: sent, response: body)
            #expect(violations?.map(\.rule) == [rule])
        }
    }

    @Test("every fault has a name and a summary")
    func listed() {
        #expect(Fault.allCases.count == 15)
        #expect(Fault.allCases.allSatisfy { !$0.summary.isEmpty && Fault(rawValue: $0.rawValue) == $0 })
    }
}
