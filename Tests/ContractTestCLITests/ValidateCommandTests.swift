import Foundation
import Testing

@Suite("contract-test validate, end to end")
struct ValidateCommandTests {
    let example = "Tests/Fixtures/bodies/invitation-example.json"
    let drifted = "Tests/Fixtures/bodies/invitation-drifted.json"

    @Test("the vendor's example is a valid Invitation: exit 0")
    func valid() throws {
        let outcome = try CommandRunner.run(["validate", "--schema", "Invitation", example])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "\(example): valid against #/components/schemas/Invitation (specs/partneraccount.yaml:135:5)\n")
    }

    @Test("every error is listed with the instance pointer, keyword, expectation and spec line: exit 1")
    func invalid() throws {
        let outcome = try CommandRunner.run(["validate", "--spec", "specs/partneraccount.yaml", "--schema", "Invitation", drifted])
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout == """
                \(drifted): invalid against #/components/schemas/Invitation (specs/partneraccount.yaml:135:5), 5 errors:
                  #: required: required member 'provisioningRequestID' is missing (schema #/components/schemas/Invitation/required at specs/partneraccount.yaml:140:7)
                  #/invitationId: type: expected string, found integer (42) (schema #/components/schemas/Invitation/properties/invitationId/type at specs/partneraccount.yaml:154:11)
                  #/email: format: expected an email address, found "not-an-email" (schema #/components/schemas/Invitation/properties/email/format at specs/partneraccount.yaml:163:11)
                  #/archived: type: expected boolean, found string ("no") (schema #/components/schemas/Invitation/properties/archived/type at specs/partneraccount.yaml:186:11)
                  #/insertTimestamp: format: expected an RFC 3339 date-time, found "2024-09-15 12:40:24" (schema #/components/schemas/Invitation/properties/insertTimestamp/format at specs/partneraccount.yaml:191:11)

                """)
    }

    @Test("--response picks a documented response's schema; the body comes from standard input")
    func response() throws {
        let outcome = try CommandRunner.run(
            ["validate", "--response", "createPartnerInvitation", "409"],
            input: #"{"errors": [{"errorCode": "conflict"}]}"#)
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout == """
                <stdin>: invalid against #/components/responses/InvitationExists/content/application~1json/schema (specs/partneraccount.yaml:293:11), 1 error:
                  #/errors/0: required: required member 'errorDescription' is missing (schema #/components/schemas/ErrorDetail/required at specs/partneraccount.yaml:222:7)

                """)
        let ok = try CommandRunner.run(["validate", "--response", "createPartnerInvitation", "200", example])
        #expect(ok.status == 0)
    }

    @Test("--pointer names any schema; YAML bodies are read too")
    func pointer() throws {
        let outcome = try CommandRunner.run(
            ["validate", "--pointer", "#/components/schemas/CreateInvitationRequest", "-"],
            input: "partnerEmailId: a@b.co\nexpirationDays: 400\n")
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout == """
                <stdin>: invalid against #/components/schemas/CreateInvitationRequest (specs/partneraccount.yaml:115:7), 1 error:
                  #/expirationDays: maximum: expected a number at most 365, found 400 (schema #/components/schemas/CreateInvitationRequest/properties/expirationDays/maximum at specs/partneraccount.yaml:130:11)

                """)
    }

    @Test("a body that is not JSON is invalid, shown where it breaks")
    func malformed() throws {
        let outcome = try CommandRunner.run(["validate", "--schema", "Invitation"], input: #"{"email": "a@b.co",}"#)
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout == """
                <stdin>: not a JSON or YAML value, so not valid against #/components/schemas/Invitation (specs/partneraccount.yaml:135:5):
                <stdin>:1:20: error: expected a member name in double quotes
                {"email": "a@b.co",}
                                   ^

                """)
    }

    @Test(
        "usage and spec errors exit 2 and say what was expected",
        arguments: [
            (
                ["validate", "--schema", "Nope", "x.json"],
                "error: no component schema 'Nope' in specs/partneraccount.yaml: expected one of CreateInvitationRequest, Invitation, ErrorResponse, ErrorDetail, UnauthorizedError\n"
            ),
            (
                ["validate", "--response", "createPartnerInvitation", "404", "x.json"],
                "error: createPartnerInvitation documents no response for 404 (documented: 200, 400, 401, 409, 500)\n"
            ),
            (
                ["validate", "--response", "nope", "200", "x.json"],
                "error: no operation 'nope' in specs/partneraccount.yaml: expected one of createPartnerInvitation\n"
            ),
            (
                ["validate", "--schema", "Invitation", "no-such.json"],
                "error: cannot read 'no-such.json': No such file or directory\n"
            ),
            (
                ["validate", "--spec", "specs/none.yaml", "--schema", "Invitation"],
                "error: cannot read 'specs/none.yaml': No such file or directory\n"
            ),
        ])
    func errors(arguments: [String], expected: String) throws {
        let outcome = try CommandRunner.run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == expected)
        #expect(outcome.stdout == "")
    }

    @Test("exactly one schema choice")
    func choice() throws {
        let outcome = try CommandRunner.run(["validate", example])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: Give exactly one of --schema, --pointer and --response.\n"))
    }
}
