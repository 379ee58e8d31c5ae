import Foundation
import TestSupport
import Testing

/// The main job, end to end: the binary against the embedded mock, with and without faults.
@Suite("contract-test run, end to end")
struct RunCommandTests {
    static func temporaryReport() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml").path
    }

    @Test("with no arguments: the whole suite against the embedded mock passes and writes reports/junit.xml")
    func defaultRun() throws {
        let outcome = try CommandRunner.run([])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("contract-test: specs/partneraccount.yaml against mock (http://127.0.0.1:") == true)
        #expect(lines.contains("    documented responses seen: 200, 400, 401, 409; never: 500; also seen, not documented: 405"))
        #expect(lines.contains("    explored: 56 of 56 value classes covered, 10 random bodies"))
        #expect(lines.last?.hasPrefix("PASSED: ") == true)
        #expect(lines.last?.contains(" passed, 0 failed, 0 errors, 0 skipped (") == true)
        #expect(lines.last?.hasSuffix("; JUnit report: reports/junit.xml; HTML report: reports/report.html") == true)
        #expect(!outcome.stdout.contains("\r"), "no progress line when stdout is not a terminal")
        #expect(outcome.reports.keys.sorted() == ["junit.xml", "report.html", "run.json"])
        let report = try #require(outcome.reports["junit.xml"])
        #expect(report.contains(#"failures="0" errors="0" skipped="0""#))
        #expect(report.contains(#"<property name="value-classes" value="56"/>"#))
        #expect(report.contains(#"<property name="value-classes-covered" value="56"/>"#))
        #expect(report.contains(#"<property name="random-bodies" value="10"/>"#))
        for name in [
            "positive: a body with every member is accepted", "negative: expirationDays 366 (above maximum 365) is refused",
            "rules: 5 creates for one partnerEmailId sent at once: exactly one succeeds, the others get 409",
            "rules: after expiry (1 day) a new create for the address succeeds", "explore: partnerEmailId (capital letters) is accepted",
            "explore: expirationDays 13.5 (not a whole number) is refused",
        ] {
            #expect(report.contains(#"name="\#(name)""#), "\(name)")
        }
    }

    @Test(
        "each fault of the mock fails the run, naming the right check",
        arguments: [
            ("wrong-success-status", "status: 201 is not documented for createPartnerInvitation (documented: 200, 400, 401, 409, 500)"),
            (
                "non-integer-accepted",
                "status: expected a documented 4xx, found 200 (spec: specs/partneraccount.yaml:68:9 (#/paths/~1api~1v1~1invitation/post/responses/200)) — when sending /expirationDays"
            ),
            (
                "server-error-on-huge-number",
                "server-error: answered 500: a server error is never a conforming answer (spec: specs/partneraccount.yaml:305:7 (#/components/responses/InternalServerError))"
            ),
            (
                "server-error-on-non-ascii",
                "server-error: answered 500: a server error is never a conforming answer (spec: specs/partneraccount.yaml:305:7 (#/components/responses/InternalServerError))"
            ),
            (
                "valid-addresses-refused",
                "status: expected a documented 2xx, found 400 (spec: specs/partneraccount.yaml:255:7 (#/components/responses/BadRequest)) — when sending /partnerEmailId"
            ),
            (
                "racy-duplicate-check",
                "rule-one-active: #: expected exactly one of 5 creates for one partnerEmailId sent at once to succeed and 4 to get 409, found "
            ),
            ("wrong-now", "rule-now: #/insertTimestamp: expected the time of the create: the answer's Date says "),
            ("no-allow-header", "allow-header: a 405 must say what is allowed: expected Allow: POST, found no Allow header"),
            ("identities-merged", "rule-one-active: two different addresses were treated as one: "),
            ("missing-required-member", "schema: #: required: required member 'invitationId' is missing"),
            ("wrong-member-type", "schema: #/invitationId: type: expected string, found integer (12345)"),
            ("malformed-date-time", "schema: #/insertTimestamp: format: expected an RFC 3339 date-time, found \"2024-09-15 12:40:24\""),
            ("wrong-content-type", "content-type: expected Content-Type application/json, found text/plain; charset=utf-8"),
            ("invalid-input-accepted", "status: expected a documented 4xx, found 200"),
            ("auth-ignored", "status: expected 401, found 200"),
            ("duplicate-invitations", "rule-one-active: expected 409 (one active per name), found 200"),
            ("expiry-ignored", "status: expected a documented 2xx, found 409"),
            ("wrong-error-shape", "schema: #: required: required member 'errors' is missing"),
            ("server-error-on-malformed", "server-error: answered 500: a server error is never a conforming answer"),
            ("echo-broken", "rule-echo: #/email: expected the request's /partnerEmailId"),
            ("constant-broken", "rule-constant: #/status: expected \"Invited\", found \"other.Invited\""),
            ("expiry-miscomputed", "rule-expiry: #/expirationDate: expected /insertTimestamp + "),
        ])
    func fault(name: String, check: String) throws {
        let report = Self.temporaryReport()
        defer { try? FileManager.default.removeItem(atPath: report) }
        let outcome = try CommandRunner.run(["run", "--mock-fault", name, "--junit", report])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("› " + check), "\(outcome.stdout)")
        #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("FAILED: ") == true)
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.contains("<failure message=\""))
    }

    @Test("--strict fails undocumented response members")
    func strict() throws {
        let report = Self.temporaryReport()
        defer { try? FileManager.default.removeItem(atPath: report) }
        let lenient = try CommandRunner.run(["run", "--mock-fault", "undocumented-member", "--junit", report])
        #expect(lenient.status == 0)
        let strict = try CommandRunner.run(["run", "--mock-fault", "undocumented-member", "--strict", "--junit", report])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("› undocumented-member: #/internalTraceId: member 'internalTraceId' is not declared by the schema"))
    }

    @Test(
        "the JUnit report is valid against junit-10.xsd, with counters that match its testcases",
        .enabled(if: Prerequisites.missing("python3") == nil, "needs Python 3 for xmlschema"))
    func junitValid() throws {
        let report = Self.temporaryReport()
        defer { try? FileManager.default.removeItem(atPath: report) }
        let outcome = try CommandRunner.run(["run", "--mock-fault", "wrong-content-type", "--junit", report])
        #expect(outcome.status == 1)
        #expect(try PythonCheck.validate(xml: report, schema: RepositoryPaths.fixtures + "/junit/junit-10.xsd") == nil)
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        let testcases = xml.components(separatedBy: "<testcase ").count - 1
        let failures = xml.components(separatedBy: "<failure ").count - 1
        #expect(xml.contains(#"tests="\#(testcases)" failures="\#(failures)" errors="0" skipped="0""#))
        let names = xml.split(separator: "\n").filter { $0.contains("<testcase ") }.compactMap { line in
            line.range(of: #" name=""#).map { line[$0.upperBound...].prefix { $0 != "\"" } }
        }
        #expect(Set(names).count == names.count, "testcase names are unique per suite")
        #expect(xml.contains("Reproduce:\ncurl -sS -i -X POST"))
        #expect(xml.contains("Authorization: Bearer [REDACTED]"))
    }

    @Test("cases lists what a run would send, without sending anything")
    func cases() throws {
        let outcome = try CommandRunner.run(["cases", "--run-tag", "t", "--kind", "auth,method"])
        #expect(outcome.status == 0)
        #expect(
            outcome.stdout == """
                createPartnerInvitation  auth: no Authorization header gets 401  (id 03283007)
                    POST /api/v1/invitation {"partnerEmailId":"ct-t-1@example.com","expirationDays":10}  → expect 401
                createPartnerInvitation  auth: Basic credentials instead of a bearer token get 401  (id 84c6323b)
                    POST /api/v1/invitation {"partnerEmailId":"ct-t-2@example.com","expirationDays":10}  → expect 401
                createPartnerInvitation  auth: a malformed bearer token (two words) gets 401  (id 19d46a95)
                    POST /api/v1/invitation {"partnerEmailId":"ct-t-3@example.com","expirationDays":10}  → expect 401
                createPartnerInvitation  auth: an invalid bearer token gets 401  (id e2467c0d)
                    POST /api/v1/invitation {"partnerEmailId":"ct-t-4@example.com","expirationDays":10}  → expect 401
                createPartnerInvitation  auth: the auth scheme written 'bearer' (RFC 9110: case-insensitive) is accepted  (id 264fbd16)
                    POST /api/v1/invitation {"partnerEmailId":"ct-t-5@example.com","expirationDays":10}  → expect a documented 2xx
                createPartnerInvitation  auth: the auth scheme written 'BEARER' (RFC 9110: case-insensitive) is accepted  (id e7655025)
                    POST /api/v1/invitation {"partnerEmailId":"ct-t-6@example.com","expirationDays":10}  → expect a documented 2xx
                createPartnerInvitation  method: GET /api/v1/invitation (not declared) is refused  (id cd0355e8)
                    GET /api/v1/invitation  → expect a 4xx or 501
                createPartnerInvitation  method: PUT /api/v1/invitation (not declared) is refused  (id 3dbe5917)
                    PUT /api/v1/invitation  → expect a 4xx or 501
                createPartnerInvitation  method: PATCH /api/v1/invitation (not declared) is refused  (id 4b009ab4)
                    PATCH /api/v1/invitation  → expect a 4xx or 501
                createPartnerInvitation  method: DELETE /api/v1/invitation (not declared) is refused  (id d907be96)
                    DELETE /api/v1/invitation  → expect a 4xx or 501
                createPartnerInvitation  method: TRACE /api/v1/invitation (not declared) is refused, never echoed  (id 5f3ca07d)
                    TRACE /api/v1/invitation  → expect a 4xx or 501
                11 cases

                """)
        let json = try CommandRunner.run(["cases", "--format", "json", "--kind", "rules"])
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(cases.allSatisfy { $0["kind"] as? String == "rules" })
        #expect(
            cases.compactMap { $0["name"] as? String } == [
                "a create answers with the rules kept (echo, constants, dates)", "a second create for an active partnerEmailId gets 409",
                "a second create for an active partnerEmailId with its other members changed gets 409",
                "the partnerEmailId compares without case: a second create in capitals gets 409",
                "5 creates for one partnerEmailId sent at once: exactly one succeeds, the others get 409",
                "5 creates for one partnerEmailId written in 5 different cases sent at once: exactly one succeeds, the others get 409",
                "two addresses that differ only by a plus tag (local+tag@domain, dropped by Gmail-style normalizers) are two resources: both creates succeed",
                "two addresses that differ only by a hyphen tag (local-tag@domain, dropped where '-' delimits tags) are two resources: both creates succeed",
                "two addresses that differ only by dots in the local part (ignored by Gmail-style normalizers) are two resources: both creates succeed",
                "two addresses that differ only by their 64th character (merged by a column of 63 or fewer) are two resources: both creates succeed",
                "two addresses that differ only by an accent (folded by accent-insensitive collations) are two resources: both creates succeed",
                "after expiry (1 day) a new create for the address succeeds", "every success answer of the run has its own invitationId",
                "two creates get different invitationId",
            ])
        let race = try #require(cases.first { ($0["name"] as? String)?.contains("different cases") == true })
        let steps = try #require(race["steps"] as? [[String: Any]])
        let bodies = (steps.first?["atOnce"] as? [[String: Any]])?.compactMap { $0["body"] as? String } ?? []
        #expect(bodies.map { $0.lowercased() }.allSatisfy { $0 == bodies.first?.lowercased() }, "one address, in different cases")
        #expect(Set(bodies).count == 5)
    }

    @Test("one seed, the same cases")
    func deterministic() throws {
        let first = try CommandRunner.run(["cases", "--run-tag", "same", "--seed", "9"])
        let second = try CommandRunner.run(["cases", "--run-tag", "same", "--seed", "9"])
        #expect(first.stdout == second.stdout)
        let other = try CommandRunner.run(["cases", "--run-tag", "same", "--seed", "10", "--kind", "explore"])
        let explored = first.stdout.split(separator: "\n").filter { $0.contains("  explore: ") }
        #expect(!explored.isEmpty)
        #expect(other.stdout.split(separator: "\n").filter { $0.contains("  explore: ") } != explored, "another seed explores other values")
    }

    @Test("a target that cannot be reached is an error, not a failure: exit 3")
    func unreachable() throws {
        let report = Self.temporaryReport()
        let closed = try RefusingPort()
        defer {
            closed.close()
            try? FileManager.default.removeItem(atPath: report)
        }
        let outcome = try CommandRunner.run(
            ["run", "--base-url", closed.url + "/developerprofile", "--kind", "positive", "--junit", report],
            environment: ["PARTNER_API_TOKEN": "unused-token"])
        #expect(outcome.status == 3)
        #expect(outcome.stdout.contains("error: cannot reach \(closed.url)/developerprofile/api/v1/invitation"))
        let positive = try #require(
            try JSONSerialization.jsonObject(
                with: Data(CommandRunner.run(["cases", "--kind", "positive", "--format", "json"]).stdout.utf8)) as? [Any]
        ).count
        #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("UNREACHABLE: 0 passed, 0 failed, \(positive) errors, 0 skipped") == true)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains(#"<error message="cannot reach"#))
    }

    @Test(
        "a server declared to hold live data, or a server nothing declares, gets nothing that creates data without --allow-live-data",
        arguments: [
            ("live", "would create live data on production (http://127.0.0.1:9/developerprofile); pass --allow-live-data to run it"),
            (
                "undeclared",
                "would create data on custom (https://unlisted.example.invalid/developerprofile), which nothing declares a test server, so it is treated as live: declare it with 'live-data: false' on its environment in contract-test.yaml or 'x-live-data: false' on its server in the document, or pass --allow-live-data to run it"
            ),
        ])
    func liveData(declaration: String, reason: String) throws {
        let folder = NSTemporaryDirectory() + "live-data-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The only operation creates data, so nothing is sent to either address.
        let document = try String(contentsOfFile: RepositoryPaths.root + "/specs/partneraccount.yaml", encoding: .utf8)
            .replacingOccurrences(of: "https://api.sendpro360.pitneybowes.com/developerprofile", with: "http://127.0.0.1:9/developerprofile")
        try document.write(toFile: folder + "/api.yaml", atomically: true, encoding: .utf8)
        let url = declaration == "live" ? "http://127.0.0.1:9/developerprofile" : "https://unlisted.example.invalid/developerprofile"
        let outcome = try CommandRunner.run(
            [
                "run", "--spec", folder + "/api.yaml", "--rules", RepositoryPaths.root + "/specs/partneraccount.rules.yaml", "--base-url", url,
                "--kind", "positive,negative,auth,rules", "--junit", folder + "/junit.xml", "--json", folder + "/run.json", "--html",
                folder + "/report.html",
            ],
            environment: ["PARTNER_API_TOKEN": "unused-token"])
        // Nothing was judged: a verdict of its own, not a pass.
        #expect(outcome.status == 4)
        #expect(outcome.stdout.contains(reason), "\(outcome.stdout)")
        #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("NOTHING JUDGED: 0 passed, 0 failed, 0 errors, ") == true)
    }

    @Test(
        "usage errors exit 2 and say what was expected",
        arguments: [
            (
                ["run", "--target", "sandbox"], [String: String](),
                "error: no token: set $PARTNER_API_TOKEN (or --token-env NAME) or pass --token-command; needed by the security scheme bearerAuth\n"
            ),
            (
                ["run", "--target", "sandbox", "--spec", "Tests/Fixtures/specs-corpus/pb-shipping-api.yaml"], ["PARTNER_API_TOKEN": "x"],
                "error: Tests/Fixtures/specs-corpus/pb-shipping-api.yaml declares no sandbox: expected a server with 'x-live-data: false' (it takes test data); declare one, or use --base-url\n"
            ),
            (
                ["run", "--kind", "positive,fuzzy"], [:],
                "Error: unknown kind 'fuzzy': expected positive, negative, auth, method, rules, explore or sequence\n"
            ),
            (
                ["run", "--operation", "nope"], [:],
                "error: no operation 'nope' in specs/partneraccount.yaml: expected one of createPartnerInvitation\n"
            ),
            (
                ["run", "--base-url", "ftp://example.com"], ["PARTNER_API_TOKEN": "x"],
                "error: --base-url must start with http:// or https://, found 'ftp://example.com'\n"
            ),
            (["run", "--ca-cert", "/no/such/ca.pem"], [:], "error: cannot read '/no/such/ca.pem': No such file or directory (the CA certificate)\n"),
            (
                ["mock", "--port", "0", "--tls-cert", "/no/such/cert.pem", "--tls-key", "/no/such/key.pem"], [:],
                "error: cannot serve HTTPS: cannot read '/no/such/cert.pem': No such file or directory (the TLS certificate)\n"
            ),
            (
                ["run", "--mock-fault", "nope"], [:],
                "Error: unknown fault 'nope': expected one of wrong-success-status, missing-required-member, wrong-member-type, malformed-date-time, wrong-content-type, invalid-input-accepted, auth-ignored, duplicate-invitations, expiry-ignored, wrong-error-shape, server-error-on-malformed, undocumented-member, echo-broken, constant-broken, expiry-miscomputed, non-integer-accepted, server-error-on-huge-number, server-error-on-non-ascii, valid-addresses-refused, racy-duplicate-check, wrong-now, no-allow-header, identities-merged, extra-members-refused, member-order-required, member-names-case-insensitive, auth-scheme-case-sensitive, duplicate-check-on-whole-body, ids-repeat, trace-echoes, server-error-on-gzip, gzip-unlabelled\n"
            ),
            (
                ["run", "--checks", "status,nope"], [:],
                "Error: unknown check 'nope' in --checks: expected one of status, server-error, content-type, schema, header, header-schema, allow-header, undocumented-member, rule-echo, rule-constant, rule-now, rule-expiry, rule-unique, rule-one-active, response-time\n"
            ),
            (["run", "--examples=-1"], [:], "Error: --examples must be 0 or more\n"),
            (["run", "--timeout", "0"], [:], "Error: --timeout must be at least 1 second\n"),
            (["proxy", "--upstream", "http://127.0.0.1:9", "--timeout", "0"], [:], "Error: --timeout must be at least 1 second\n"),
            (["mock", "--max-resources", "0"], [:], "Error: --max-resources must be 1 or more, found 0\n"),
            (
                ["mock", "--log-level", "loud"], [:],
                "Error: unknown --log-level 'loud': expected one of trace, debug, info, notice, warning, error, critical\n"
            ),
            (
                ["run", "--case", "0000000g"], [:],
                "error: no case '0000000g' for seed 1 in specs/partneraccount.yaml: `contract-test cases --seed 1` lists every case with its id\n"
            ),
        ])
    func usage(arguments: [String], environment: [String: String], expected: String) throws {
        let outcome = try CommandRunner.run(arguments, environment: environment.merging(["PARTNER_API_TOKEN": ""]) { first, _ in first })
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix(expected), "\(outcome.stderr)")
    }
}

/// Any document: cases derived for every operation, run against the mock serving it.
@Suite("contract-test run on other documents")
struct OtherDocumentTests {
    @Test(
        "every corpus document's suite passes against its own mock",
        arguments: [
            "api-with-examples", "callback-example", "link-example", "petstore-expanded", "petstore", "uspto",
            "petstore3", "twilio_api_v2010", "openai", "pb-shipping-api", "museum",
        ])
    func corpus(name: String) throws {
        let outcome = try CommandRunner.run(
            ["run", "--spec", "Tests/Fixtures/specs-corpus/\(name).yaml", "--junit", RunCommandTests.temporaryReport()])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(3000))")
        #expect(outcome.stdout.split(separator: "\n").last?.contains(" 0 failed, 0 errors, 0 skipped") == true)
    }
}

/// A document's errors are the document's: `lint` lists them all (exit 2), `run` goes on past
/// those that change nothing sent or judged and skips what the others stop.
@Suite("Document errors in run and lint")
struct DocumentErrorRunTests {
    static let digitalOcean = "Tests/Fixtures/digitalocean/specification/DigitalOcean-public.v2.yaml"

    @Test("DigitalOcean's multi-file document: lint lists its four broken links, run passes against the mock past them")
    func digitalOcean() throws {
        let lint = try CommandRunner.run(["lint", Self.digitalOcean])
        #expect(lint.status == 2)
        let errors = lint.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.map {
            String($0).replacingOccurrences(of: "Tests/Fixtures/digitalocean/specification/resources/ssh_keys/links/", with: "")
        }
        #expect(
            errors == [
                "sshKeys_delete_by_fingerprint.yml:1:1: error: the link names operationId 'ssh_keys_delete_by_fingerprint', which no operation has (at #)",
                "sshKeys_delete_by_id.yml:1:1: error: the link names operationId 'sshKeys_delete_by_id', which no operation has (at #)",
                "sshKeys_get_by_fingerprint.yml:1:1: error: the link names operationId 'sshKeys_get_by_fingerprint', which no operation has (at #)",
                "sshKeys_get_by_id.yml:1:1: error: the link names operationId 'sshKeys_get_by_id', which no operation has (at #)",
            ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("do-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try CommandRunner.run([
            "run", "--spec", Self.digitalOcean, "--junit", folder + "/junit.xml", "--json", folder + "/run.json",
            "--html", folder + "/report.html",
        ])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))")
        #expect(run.stdout.split(separator: "\n").last?.contains(" passed, 0 failed, 0 errors, ") == true)
        #expect(
            run.stderr.contains(
                "sshKeys_get_by_id.yml:1:1: warning: the link names operationId 'sshKeys_get_by_id', which no operation has (this changes nothing that is sent or judged: the run goes on; lint counts it as an error) (at #)"
            ))
    }

    /// Regression: run once reported the loop as the server's schema failure.
    @Test("a loop of schemas is the document's error: the operation that uses it is skipped, saying why")
    func referenceLoop() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loop-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try CommandRunner.run([
            "run", "--spec", "Tests/Fixtures/document-errors/reference-loop.yaml", "--junit", folder + "/junit.xml",
            "--json", folder + "/run.json", "--html", folder + "/report.html",
        ])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                "  postA › positive: every case of the operation: the document has an error in this operation: Tests/Fixtures/document-errors/reference-loop.yaml:31:24: '$ref: #/components/schemas/A' closes a loop of schemas that all apply to the same value"
            ), "\(run.stdout)")
        #expect(!run.stdout.contains("schema: "), "no answer is blamed")
        #expect(run.stdout.contains("  getB "))
    }

    @Test("an error inside one operation skips that operation's cases, saying why; the others run")
    func operationSkipped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = folder + "/api.yaml"
        try """
        openapi: 3.0.3
        info: {title: t, version: v}
        paths:
          /good:
            get:
              operationId: getGood
              responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
          /bad:
            post:
              operationId: postBad
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}}
              responses: {'200': {description: ok}}
        components:
          schemas:
            Unused: {$ref: '#/components/schemas/AlsoMissing'}
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run([
            "run", "--spec", spec, "--junit", folder + "/junit.xml", "--json", folder + "/run.json",
            "--html", folder + "/report.html",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(
            run.stdout.contains(
                "  postBad › positive: every case of the operation: the document has an error in this operation: \(spec):11:65: cannot resolve '$ref: #/components/schemas/Missing': nothing exists at #/components/schemas/Missing in '\(spec)'"
            ), "\(run.stdout)")
        #expect(
            run.stderr.contains(
                "\(spec):15:20: warning: cannot resolve '$ref: #/components/schemas/AlsoMissing': nothing exists at #/components/schemas/AlsoMissing in '\(spec)' (this changes nothing that is sent or judged: the run goes on; lint counts it as an error)"
            ), "\(run.stderr)")
        #expect(run.stdout.contains("  getGood "))
    }
}

/// Exploration, replay, check selection: the gate's drift power, end to end.
@Suite("contract-test run: exploration, replay and checks")
struct ExplorationRunTests {
    /// The failing case ids and problem headlines of a run, in order.
    static func verdicts(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").filter { $0.contains("first seen in ") || $0.contains(" › ") }.map {
            String($0).replacingOccurrences(of: #"http://127\.0\.0\.1:\d+"#, with: "", options: .regularExpression)
        }
    }

    @Test("one seed, the same cases and the same verdicts")
    func sameVerdicts() throws {
        let arguments = ["run", "--mock-fault", "server-error-on-huge-number", "--seed", "5", "--junit", RunCommandTests.temporaryReport()]
        let first = try CommandRunner.run(arguments)
        let second = try CommandRunner.run(arguments)
        #expect(first.status == 1)
        #expect(second.status == 1)
        #expect(!Self.verdicts(first.stdout).isEmpty)
        #expect(Self.verdicts(first.stdout) == Self.verdicts(second.stdout))
    }

    @Test("a failing generated case is shrunk, and replays from its id")
    func replay() throws {
        let outcome = try CommandRunner.run([
            "run", "--mock-fault", "non-integer-accepted", "--seed", "3", "--junit", RunCommandTests.temporaryReport(),
        ])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let replay = try #require(lines.first { $0.hasPrefix("     replay: contract-test run --mock-fault non-integer-accepted --seed 3 --case ") })
        let id = String(try #require(replay.split(separator: " ").last))
        #expect(lines.contains { $0.hasPrefix("     found by: ") && $0.hasSuffix(" (invalid) in /expirationDays") })
        #expect(lines.contains { $0.hasPrefix("     shrunk in 1 step (") }, "\(outcome.stdout)")
        #expect(lines.contains { $0.hasPrefix("     reproduce: ") && $0.contains(#""expirationDays":"#) })
        let again = try CommandRunner.run([
            "run", "--mock-fault", "non-integer-accepted", "--seed", "3", "--case", id, "--junit", RunCommandTests.temporaryReport(),
        ])
        #expect(again.status == 1)
        #expect(again.stdout.contains("[id \(id)]"))
        #expect(again.stdout.split(separator: "\n").last?.hasPrefix("FAILED: 0 passed, 1 failed, 0 errors, 0 skipped (1 case in ") == true)
    }

    @Test("--checks and --exclude-checks choose what is judged")
    func checkSelection() throws {
        let report = RunCommandTests.temporaryReport()
        let excluded = try CommandRunner.run(["run", "--mock-fault", "no-allow-header", "--exclude-checks", "allow-header", "--junit", report])
        #expect(excluded.status == 0, "\(excluded.stdout)")
        let only = try CommandRunner.run(["run", "--mock-fault", "wrong-now", "--checks", "status,schema", "--junit", report])
        #expect(only.status == 0, "\(only.stdout)")
        let judged = try CommandRunner.run(["run", "--mock-fault", "wrong-now", "--checks", "rule-now", "--junit", report])
        #expect(judged.status == 1)
    }

    @Test("contract-test checks lists every check with what it asserts")
    func listed() throws {
        let outcome = try CommandRunner.run(["checks"])
        #expect(outcome.status == 0)
        let names = outcome.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(
            names == [
                "status", "server-error", "content-type", "schema", "header", "header-schema", "allow-header", "undocumented-member",
                "rule-echo", "rule-constant", "rule-now", "rule-expiry", "rule-unique", "rule-one-active", "response-time",
            ])
        #expect(
            outcome.stdout.contains(
                "allow-header         a 405 carries Allow, listing every method the document declares on the path (RFC 9110 section 15.5.6)\n"))
    }

    @Test("--examples N adds N random bodies to the value classes (0: the classes only); leaving explore out of --kind turns exploration off")
    func randomBodies() throws {
        func explored(_ arguments: [String]) throws -> [String] {
            try CommandRunner.run(["cases", "--run-tag", "t"] + arguments).stdout.split(separator: "\n").filter { $0.contains("  explore: ") }.map(
                String.init)
        }
        let classesOnly = try explored(["--examples", "0", "--kind", "explore"])
        #expect(classesOnly.contains { $0.contains("explore: partnerEmailId (plus tag (local+tag@domain)) is accepted") })
        #expect(!classesOnly.contains { $0.contains("random valid values") })
        let three = try explored(["--examples", "3", "--kind", "explore"])
        #expect(
            three.filter { $0.contains("random valid values") }.map { $0.components(separatedBy: "  (id")[0] }.sorted()
                == (1...3).map {
                    "createPartnerInvitation  explore: a body (random valid values in every member, #\($0)) is accepted"
                })
        #expect(three.count == classesOnly.count + 3)
        #expect(try explored(["--kind", "positive,negative,auth,method,rules,sequence"]) == [])
    }
}

/// Credentials of every kind, end to end: the mock as a process, the run against it.
@Suite("contract-test run: credentials per security scheme")
struct CredentialRunTests {
    @Test("each scheme gets its own secret from its own variable; none reaches the output or the report")
    func perScheme() throws {
        let (mock, line) = try CommandRunner.start([
            "mock", "--spec", "Tests/Fixtures/specs-corpus/petstore3.yaml", "--port", "0",
            "--credential", "api_key=key-7f3a", "--credential", "petstore_auth=token-9c0e",
        ])
        defer { mock.terminate() }
        let url = try #require(line.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
        let report = RunCommandTests.temporaryReport()
        defer { try? FileManager.default.removeItem(atPath: report) }
        let arguments = [
            "run", "--spec", "Tests/Fixtures/specs-corpus/petstore3.yaml", "--base-url", url, "--examples", "0",
            "--credential", "api_key=PETSTORE_KEY", "--credential", "petstore_auth=PETSTORE_TOKEN", "--junit", report,
        ]
        let good = try CommandRunner.run(arguments, environment: ["PETSTORE_KEY": "key-7f3a", "PETSTORE_TOKEN": "token-9c0e"])
        #expect(good.status == 0, "\(good.stdout.suffix(2000))")
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        for secret in ["key-7f3a", "token-9c0e"] {
            #expect(!good.stdout.contains(secret) && !good.stderr.contains(secret) && !xml.contains(secret))
        }
        let wrong = try CommandRunner.run(arguments, environment: ["PETSTORE_KEY": "not-the-key", "PETSTORE_TOKEN": "token-9c0e"])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("› status: expected a documented 2xx, found 401"), "\(wrong.stdout.suffix(2000))")
        #expect(wrong.stdout.contains(#"-H "api_key: $PETSTORE_KEY""#), "the reproduction names the scheme's variable")
        #expect(!wrong.stdout.contains("not-the-key"))
        let missing = try CommandRunner.run(arguments, environment: ["PETSTORE_KEY": "", "PETSTORE_TOKEN": "token-9c0e"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: no secret for security scheme 'api_key': $PETSTORE_KEY is not set (--credential api_key=PETSTORE_KEY)\n")
    }

    @Test("a --credential for a scheme the document does not define is refused in words")
    func unknownScheme() throws {
        let outcome = try CommandRunner.run(
            ["run", "--base-url", "http://127.0.0.1:9", "--credential", "nope=X"],
            environment: ["PARTNER_API_TOKEN": "t"])
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr
                == "error: --credential names 'nope', which is not a security scheme of specs/partneraccount.yaml: expected one of bearerAuth\n")
    }
}

/// Documents of every shape: only webhooks, operations without documented responses.
@Suite("contract-test run on documents of every shape")
struct DocumentShapeTests {
    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shape-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a document of webhooks only has nothing to send: said so, exit 4 (nothing judged) unless that is accepted")
    func webhooksOnly() throws {
        let spec = try Self.write(
            """
            openapi: 3.1.0
            info: {title: Hooks, version: "1"}
            webhooks:
              newPet:
                post:
                  requestBody: {content: {application/json: {schema: {type: object}}}}
                  responses: {'200': {description: ok}}
            """)
        defer { try? FileManager.default.removeItem(atPath: spec) }
        let outcome = try CommandRunner.run(["run", "--spec", spec, "--junit", RunCommandTests.temporaryReport()])
        #expect(outcome.status == 4)
        #expect(outcome.stdout.contains("\n  nothing to send: the document has no operations (webhooks only, or no paths)\n"))
        let accepted = try CommandRunner.run(["run", "--spec", spec, "--allow-nothing-judged", "--junit", RunCommandTests.temporaryReport()])
        #expect(accepted.status == 0)
    }

    @Test("parameters of every style travel as their style says, and the mock reads them so")
    func styles() throws {
        let spec = try Self.write(
            """
            openapi: 3.1.0
            info: {title: Styles, version: "1"}
            paths:
              /paint/{label}/{matrix}:
                get:
                  operationId: paint
                  parameters:
                    - {name: label, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: string, enum: [red]}, minItems: 2}}
                    - {name: matrix, in: path, required: true, style: matrix, schema: {type: object, required: [R], properties: {R: {type: integer, minimum: 100}}}}
                    - {name: shades, in: query, required: true, style: pipeDelimited, explode: false, schema: {type: array, items: {type: integer, minimum: 7}, minItems: 2}}
                    - {name: filter, in: query, required: true, style: deepObject, explode: true, schema: {type: object, required: [tone], properties: {tone: {type: string, enum: [warm]}}}}
                    - {name: X-Mix, in: header, required: true, schema: {type: array, items: {type: integer, minimum: 3}, minItems: 2}}
                    - {name: palette, in: cookie, required: true, schema: {type: string, pattern: '^p[0-9]+$'}}
                  responses: {'200': {description: ok}, '400': {description: refused}}
            """)
        defer { try? FileManager.default.removeItem(atPath: spec) }
        let cases = try CommandRunner.run(["cases", "--spec", spec, "--kind", "positive", "--format", "json"])
        #expect(cases.stdout.contains(#""target" : "/paint/.red.red/;matrix=R,100?shades=7%7C7&filter%5Btone%5D=warm""#), "\(cases.stdout)")
        #expect(cases.stdout.contains(#""X-Mix" : "3,3""#))
        #expect(cases.stdout.contains(#""Cookie" : "palette=p"#))
        let outcome = try CommandRunner.run(["run", "--spec", spec, "--junit", RunCommandTests.temporaryReport()])
        #expect(outcome.status == 0, "\(outcome.stdout)")
    }

    @Test("media type ranges: the runner sends, the mock reads and answers, and the checks judge one concrete type")
    func mediaTypeRanges() throws {
        let spec = try Self.write(
            """
            openapi: 3.1.0
            info: {title: Ranges, version: "1"}
            paths:
              /notes:
                post:
                  operationId: addNote
                  requestBody:
                    required: true
                    content: {application/*: {schema: {type: object, required: [text], properties: {text: {type: string, maxLength: 5}}}}}
                  responses:
                    '201': {description: added, content: {'*/*': {schema: {type: object, required: [id], properties: {id: {type: integer}}}}}}
                    '400': {description: refused}
                    '415': {description: not a type it reads}
            """)
        defer { try? FileManager.default.removeItem(atPath: spec) }
        let cases = try CommandRunner.run(["cases", "--spec", spec, "--kind", "positive", "--format", "json"])
        #expect(cases.stdout.contains(#""Content-Type" : "application/json""#), "\(cases.stdout)")
        let outcome = try CommandRunner.run(["run", "--spec", spec, "--junit", RunCommandTests.temporaryReport()])
        #expect(outcome.status == 0, "\(outcome.stdout)")
    }

    @Test("an operation that documents no response accepts any answer but a 5xx, and the summary says so")
    func noResponses() throws {
        let spec = try Self.write(
            """
            openapi: 3.1.0
            info: {title: Bare, version: "1"}
            paths:
              /ping:
                get: {operationId: ping}
              /things/{id}#archive:
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                post: {operationId: archive, responses: {'204': {description: archived}}}
            """)
        defer { try? FileManager.default.removeItem(atPath: spec) }
        let outcome = try CommandRunner.run(["run", "--spec", spec, "--junit", RunCommandTests.temporaryReport()])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("\n    no responses documented: any answer but a 5xx is accepted (seen: 200, 405)\n"))
        let cases = try CommandRunner.run(["cases", "--spec", spec, "--kind", "positive"])
        #expect(
            cases.stdout.contains("    POST /things/example%23archive  → expect a documented 2xx, or 404 (or 410) for an id that names nothing"),
            "the '#' of the path key is percent-encoded: \(cases.stdout)")
    }
}

/// The mock's log as users see it: a line per request on stderr, secrets redacted, quieted by
/// `--log-level`.
@Suite("contract-test mock: its log")
struct MockLogTests {
    /// Runs the default suite's positive cases against a mock started with `arguments`, stops
    /// the mock (SIGTERM), and returns what it wrote to stderr.
    static func log(_ arguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mock-log-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (mock, line) = try CommandRunner.start(["mock", "--port", "0", "--token", "s3cret-tok"] + arguments, stderrFile: file)
        let url = try #require(line.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
        let outcome = try CommandRunner.run(
            ["run", "--base-url", url, "--kind", "positive", "--examples", "0", "--junit", RunCommandTests.temporaryReport()],
            environment: ["PARTNER_API_TOKEN": "s3cret-tok"])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        mock.terminate()
        mock.waitUntilExit()
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    @Test("a line per request, the token redacted, written out when the mock stops")
    func info() throws {
        let log = try Self.log([])
        let requests = log.split(separator: "\n").filter { $0.contains(" info contract-test.mock: POST /developerprofile/api/v1/invitation -> 200 ") }
        #expect(!requests.isEmpty, "\(log)")
        #expect(requests.allSatisfy { $0.contains(" authorization=Bearer [REDACTED] ms=") })
        #expect(!log.contains("s3cret-tok"))
    }

    @Test("--log-level warning: no line per request")
    func quiet() throws {
        let log = try Self.log(["--log-level", "warning"])
        #expect(!log.contains(" info "), "\(log)")
    }
}
