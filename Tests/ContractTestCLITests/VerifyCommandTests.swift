import Foundation
import TestSupport
import Testing

/// `contract-test verify`: recorded traffic judged like the gate's own cases.
@Suite("contract-test verify")
struct VerifyCommandTests {
    static func folder(_ name: String) throws -> String {
        let path = TargetTests.temporaryFile(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func reportArguments(_ folder: String, _ prefix: String) -> [String] {
        ["--junit", "\(folder)/\(prefix)junit.xml", "--json", "\(folder)/\(prefix)run.json", "--html", "\(folder)/\(prefix)report.html"]
    }

    /// The distinct problems of a run.json: operation, check and what was expected.
    static func problems(_ path: String) throws -> Set<String> {
        let run = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let results = (run?["results"] as? [[String: Any]]) ?? []
        return Set(
            results.flatMap { result -> [String] in
                let operation = (result["testCase"] as? [String: Any])?["operationId"] as? String ?? ""
                return ((result["failures"] as? [[String: Any]]) ?? []).map { "\(operation) \($0["check"] ?? "") \($0["expectation"] ?? "")" }
            })
    }

    /// The base URL the HAR's first request went to (the embedded mock's, on a port of its own).
    static func baseURL(ofHAR path: String) throws -> String {
        let har = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let entries = ((har?["log"] as? [String: Any])?["entries"] as? [[String: Any]]) ?? []
        let url = try #require((entries.first?["request"] as? [String: Any])?["url"] as? String)
        return try #require(url.range(of: "/api/v1/").map { String(url[..<$0.lowerBound]) })
    }

    @Test(
        "a run's HAR and its run.json, verified, give the run's distinct problems",
        arguments: [
            "wrong-content-type", "missing-required-member", "wrong-error-shape", "echo-broken",
        ])
    func sameProblems(fault: String) async throws {
        try await CommandRunner.detached { try Self.sameProblemsBlocking(fault: fault) }
    }

    static func sameProblemsBlocking(fault: String) throws {
        let folder = try Self.folder("verify-\(fault)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try CommandRunner.run(
            ["run", "--mock-fault", fault, "--kind", "positive,negative,auth,explore", "--har", folder + "/run.har"]
                + Self.reportArguments(folder, ""))
        #expect(run.status == 1, "\(run.stdout)")
        let expected = try Self.problems(folder + "/run.json")
        #expect(!expected.isEmpty)
        let base = try Self.baseURL(ofHAR: folder + "/run.har")
        for (file, prefix) in [("run.har", "har-"), ("run.json", "json-")] {
            let verify = try CommandRunner.run(["verify", folder + "/" + file, "--base-url", base] + Self.reportArguments(folder, prefix))
            #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
            #expect(try Self.problems("\(folder)/\(prefix)run.json") == expected, "\(file)")
            #expect(verify.stdout.contains("CLIENT REQUESTS THAT BREAK THE CONTRACT (the client's problem, not the server's): "))
        }
    }

    @Test(
        "the rules over several answers, from a run's HAR: what the record shows is found as the run found it; a fault-free run (the mock's clock moved past an expiry) verifies clean",
        arguments: [
            ("", [String]()),
            ("duplicate-invitations", ["createPartnerInvitation rule-one-active one-active"]),
            ("racy-duplicate-check", ["createPartnerInvitation rule-one-active one-active"]),
            ("ids-repeat", ["createPartnerInvitation rule-unique unique"]),
        ] as [(String, [String])])
    func rulesAcrossTheFile(fault: String, expected: [String]) async throws {
        try await CommandRunner.detached { try Self.rulesAcrossTheFileBlocking(fault: fault, expected: expected) }
    }

    static func rulesAcrossTheFileBlocking(fault: String, expected: [String]) throws {
        let folder = try Self.folder("verify-rules-\(fault)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let faults = fault.isEmpty ? [] : ["--mock-fault", fault]
        let run = try CommandRunner.run(
            ["run", "--kind", "rules,sequence", "--har", folder + "/run.har"] + faults + Self.reportArguments(folder, ""))
        #expect(run.status == (fault.isEmpty ? 0 : 1), "\(run.stdout)")
        let verify = try CommandRunner.run(
            ["verify", folder + "/run.har", "--base-url", try Self.baseURL(ofHAR: folder + "/run.har")]
                + Self.reportArguments(folder, "har-"))
        #expect(verify.status == (fault.isEmpty ? 0 : 1), "\(verify.stdout)\(verify.stderr)")
        let found = try Self.problems(folder + "/har-run.json")
        #expect(found == Set(expected))
        #expect(found.isSubset(of: try Self.problems(folder + "/run.json")))
    }

    /// A HAR as a browser would record it against the sandbox: the answers are in the file, so
    /// nothing is sent.
    static let recorded = #"""
        {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [
          {"startedDateTime": "2026-12-03T10:00:00.000Z", "time": 120,
           "request": {"method": "POST", "url": "https://api-sandbox.sendpro360.pitneybowes.com/developerprofile/api/v1/invitation",
             "httpVersion": "HTTP/1.1", "headers": [{"name": "Authorization", "value": "Bearer sk-live-9d1f0c"}, {"name": "Content-Type", "value": "application/json"}, {"name": "Cookie", "value": "session=abc123"}],
             "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 52,
             "postData": {"mimeType": "application/json", "text": "{\"partnerEmailId\": \"a@example.com\", \"expirationDays\": 0}"}},
           "response": {"status": 500, "statusText": "Internal Server Error", "httpVersion": "HTTP/1.1", "headers": [{"name": "Content-Type", "value": "text/html"}],
             "cookies": [], "content": {"size": 5, "mimeType": "text/html", "text": "oops!"}, "redirectURL": "", "headersSize": -1, "bodySize": 5},
           "cache": {}, "timings": {"send": 0, "wait": 120, "receive": 0}},
          {"startedDateTime": "2026-12-03T10:00:01.000Z", "time": 80,
           "request": {"method": "GET", "url": "https://api-sandbox.sendpro360.pitneybowes.com/developerprofile/api/v1/invitations?page=2",
             "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
           "response": {"status": 404, "statusText": "Not Found", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
             "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
           "cache": {}, "timings": {"send": 0, "wait": 80, "receive": 0}},
          {"startedDateTime": "2026-12-03T10:00:02.000Z", "time": 5,
           "request": {"method": "GET", "url": "https://fonts.example.net/font.woff2", "httpVersion": "HTTP/2", "headers": [], "queryString": [],
             "cookies": [], "headersSize": -1, "bodySize": 0},
           "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/2", "headers": [], "cookies": [],
             "content": {"size": 0, "mimeType": "font/woff2"}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
           "cache": {}, "timings": {"send": 0, "wait": 5, "receive": 0}}
        ]}}
        """#

    @Test(
        "a browser's HAR: a 5xx fails even for a faulty request, the faulty request is the client's, other paths and hosts are listed, no secret is written"
    )
    func browserHAR() async throws {
        try await CommandRunner.detached { try Self.browserHARBlocking() }
    }

    static func browserHARBlocking() throws {
        let folder = try Self.folder("verify-browser")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.recorded.write(toFile: folder + "/session.har", atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["verify", folder + "/session.har"] + Self.reportArguments(folder, ""))
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines.first
                == "contract-test: traffic from \(folder)/session.har against specs/partneraccount.yaml (https://api-sandbox.sendpro360.pitneybowes.com/developerprofile, https://api.sendpro360.pitneybowes.com/developerprofile)"
        )
        #expect(
            lines.contains(
                "  1. createPartnerInvitation › server-error: answered 500: a server error is never a conforming answer (spec: specs/partneraccount.yaml:305:7 (#/components/responses/InternalServerError))"
            ), "\(outcome.stdout)")
        #expect(
            lines.contains(
                "     reproduce: curl -sS -i -X POST 'https://api-sandbox.sendpro360.pitneybowes.com/developerprofile/api/v1/invitation' -H \"Authorization: Bearer $PARTNER_API_TOKEN\" -H 'Content-Type: application/json' -H \"Cookie: session=$COOKIE_SESSION\" --data-binary '{\"partnerEmailId\": \"a@example.com\", \"expirationDays\": 0}'"
            ))
        #expect(lines.contains("CLIENT REQUESTS THAT BREAK THE CONTRACT (the client's problem, not the server's): 1 request, 1 distinct problem"))
        #expect(lines.contains("  1. createPartnerInvitation › body: #/expirationDays: expected a number at least 1, found 0"))
        #expect(lines.contains("UNDOCUMENTED ENDPOINTS: 1 method and path the document does not declare"))
        #expect(lines.contains("  GET /developerprofile/api/v1/invitations  (1 exchange, first: session.har entry 2)"))
        #expect(
            lines.contains(
                "1 exchange to other hosts or paths than the document's servers (https://api-sandbox.sendpro360.pitneybowes.com/developerprofile, https://api.sendpro360.pitneybowes.com/developerprofile) not judged"
            ))
        for file in ["junit.xml", "run.json", "report.html"] {
            let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
            #expect(!text.contains("sk-live-9d1f0c") && !text.contains("abc123"), "\(file) holds a secret")
        }
        // The JSON and the HTML keep what the terminal shows beside the cases.
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/run.json"))) as? [String: Any]
        let traffic = try #require(stored?["traffic"] as? [String: Any])
        #expect(
            (traffic["clientProblems"] as? [[String: Any]])?.map { $0["problem"] as? String } == [
                "body: #/expirationDays: expected a number at least 1, found 0"
            ])
        #expect(
            (traffic["undocumented"] as? [[String: Any]])?.map { "\($0["method"] ?? "") \($0["path"] ?? "")" } == [
                "GET /developerprofile/api/v1/invitations"
            ])
        #expect(traffic["elsewhere"] as? Int == 1)
        // JUnit: the client's problem beside the server's verdict, never as a failure of its own.
        let junit = try String(contentsOfFile: folder + "/junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testsuites name="contract-test" tests="1" failures="1" errors="0""#))
        #expect(junit.contains(#"<property name="client-problems" value="1"/>"#))
        #expect(!junit.contains(#"<property name="seed""#))
        if Prerequisites.missing("python3") == nil {
            #expect(try PythonCheck.validate(xml: folder + "/junit.xml", schema: RepositoryPaths.fixtures + "/junit/junit-10.xsd") == nil)
        }
        #expect(
            junit.contains(
                "      <system-out>The client's request breaks the contract (the client's problem, not the server's): body: #/expirationDays: expected a number at least 1, found 0\n</system-out>\n    </testcase>"
            ))
        #expect(
            junit.contains(
                "Client requests that break the contract (the client's problem, not the server's):\nsession.har entry 1: POST https://api-sandbox.sendpro360.pitneybowes.com/developerprofile/api/v1/invitation: body: #/expirationDays: expected a number at least 1, found 0\n</system-out>"
            ))
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        #expect(!html.contains("<dt>Seed</dt>"))
        #expect(html.contains("<h2>Recorded traffic</h2>"))
        #expect(html.contains("<td>body: #/expirationDays: expected a number at least 1, found 0</td>"))
        #expect(
            html.contains(
                "<tr><td><code>GET</code></td><td><code>/developerprofile/api/v1/invitations</code></td><td>1</td><td class=\"source\"><code>session.har entry 2</code></td></tr>"
            ))
        #expect(!outcome.stdout.contains("sk-live-9d1f0c") && !outcome.stdout.contains("abc123"))
    }

    @Test(
        "traffic files it cannot read are refused, saying where and what was expected",
        arguments: [
            (
                "truncated.har", #"{"log": {"version": "1.2", "entries": [{"request": "#,
                "truncated.har:1:52: unexpected end of the text: expected a JSON value: expected a HAR file or a run.json report"
            ),
            (
                "old.har", #"{"log": {"version": "0.9", "entries": []}}"#,
                "old.har: HAR version '0.9' is not read: expected 1.2 or 1.1 (at /log/version)"
            ),
            ("list.json", "[1, 2]", "list.json: the file holds JSON array, not an object: expected a HAR file or a run.json report"),
            (
                "other.json", #"{"openapi": "3.0.3"}"#,
                "other.json: neither a HAR file (an object with \"log\") nor a run.json report (\"format\" and \"results\")"
            ),
            (
                "nourl.har", #"{"log": {"version": "1.2", "entries": [{"request": {"method": "GET"}, "response": {"status": 200}}]}}"#,
                "nourl.har: not a HAR file this reader understands: 'url' is missing (at /log/entries/0/request)"
            ),
        ])
    func badFiles(name: String, text: String, message: String) async throws {
        try await CommandRunner.detached { try Self.badFilesBlocking(name: name, text: text, message: message) }
    }

    static func badFilesBlocking(name: String, text: String, message: String) throws {
        let folder = try Self.folder("verify-bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["verify", folder + "/" + name] + Self.reportArguments(folder, ""))
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: \(folder)/\(message)\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/junit.xml"), "no report is left behind")
    }
}
