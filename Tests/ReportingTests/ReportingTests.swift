import CaseGeneration
import Checks
import Execution
import Foundation
import OpenAPIModel
import Reporting
import Testing
import YAMLSource

@Suite("Reports: JUnit XML and curl reproductions")
struct ReportingTests {
    static func result(_ name: String, focus: CaseFocus?, failures: [CheckFailure]) -> CaseResult {
        let testCase = TestCase(operationId: "createPartnerInvitation", kind: .explore, name: name, steps: [], focus: focus)
        return CaseResult(testCase: testCase, outcome: .failed(failures), exchanges: [], culpritStep: nil, duration: 0.01)
    }

    static func summary(body: String, outcome: CaseResult.Outcome) -> RunSummary {
        let request = Exchange.Request(
            method: "POST", url: "http://127.0.0.1:8080/developerprofile/api/v1/invitation",
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer [REDACTED]")],
            body: Array(#"{"partnerEmailId":"o'brien@example.com"}"#.utf8),
            secrets: [RedactedSecret(header: "Authorization", variable: nil, basicUser: nil)])
        let response = Exchange.Response(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
        let exchange = Exchange(request: request, response: response, transportError: nil, duration: 0.01, retries: 0)
        let testCase = TestCase(operationId: "createPartnerInvitation", kind: .positive, name: "a <body> & \"quotes\"", steps: [])
        let result = CaseResult(testCase: testCase, outcome: outcome, exchanges: [exchange], culpritStep: 0, duration: 0.01)
        return RunSummary(
            specPath: "specs/partneraccount.yaml", target: Target(baseURL: "http://127.0.0.1:8080/developerprofile", name: "mock"),
            seed: 1, startedAt: "2026-11-25T16:00:00Z", duration: 0.02, results: [result],
            documentedStatuses: [("createPartnerInvitation", ["200", "400"])])
    }

    @Test("XML is escaped, and control characters XML cannot hold are written as \\u escapes")
    func escaping() {
        let failure = CheckFailure(
            check: .schema, message: "expected <string> & found \u{1}", pointer: ["a"], specLocation: .rule(Mark(file: "x.yaml", line: 1, column: 1)),
            expectation: "type")
        let xml = JUnitReport(summary: Self.summary(body: "bad\u{0}body\u{7F}\u{1B}[31m", outcome: .failed([failure])), tokenVariable: "TOKEN").xml
        #expect(xml.contains(#"name="positive: a &lt;body&gt; &amp; &quot;quotes&quot;""#))
        #expect(
            xml.contains(
                #"<failure message="[problem 1 of 1] schema: #/a: expected &lt;string&gt; &amp; found \u0001 (spec: x.yaml:1:1)" type="schema">"#))
        #expect(xml.contains("bad\\u0000body\u{7F}\\u001B[31m"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("the reproduction quotes for the shell and names the token variable")
    func curl() {
        let request = Self.summary(body: "{}", outcome: .passed).results[0].exchanges[0].request
        #expect(
            CurlCommand.make(request, tokenVariable: "PARTNER_API_TOKEN")
                == #"curl -sS -i -X POST 'http://127.0.0.1:8080/developerprofile/api/v1/invitation' -H 'Content-Type: application/json' -H "Authorization: Bearer $PARTNER_API_TOKEN" --data-binary '{"partnerEmailId":"o'\''brien@example.com"}'"#
        )
    }

    @Test("every secret in a reproduction is its environment variable: Basic as -u, API keys in headers, queries and cookies")
    func curlSecrets() {
        let request = Exchange.Request(
            method: "GET", url: "https://api.example.com/v1/things?limit=5&api_key=[REDACTED]",
            headers: [("Authorization", "Basic [REDACTED]"), ("X-Key", "[REDACTED]"), ("Cookie", "session=[REDACTED]"), ("Accept", "it's")],
            body: nil,
            secrets: [
                RedactedSecret(header: "Authorization", variable: "TWILIO_TOKEN", basicUser: "AC123"),
                RedactedSecret(header: "X-Key", variable: nil, basicUser: nil),
                RedactedSecret(header: nil, variable: "QUERY_KEY", basicUser: nil),
                RedactedSecret(header: "Cookie", variable: "SESSION", basicUser: nil),
            ])
        #expect(
            CurlCommand.make(request, tokenVariable: "PARTNER_API_TOKEN")
                == #"curl -sS -i -X GET "https://api.example.com/v1/things?limit=5&api_key=$QUERY_KEY" -u "AC123:$TWILIO_TOKEN" -H "X-Key: $PARTNER_API_TOKEN" -H "Cookie: session=$SESSION" -H 'Accept: it'\''s'"#
        )
    }

    @Test("the report is written whole or not at all: no temporary file is left")
    func atomicWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("junit.xml").path
        let report = JUnitReport(summary: Self.summary(body: "{}", outcome: .passed), tokenVariable: "TOKEN")
        try report.write(to: path)
        try report.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == report.xml)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["junit.xml"])
        // A report that cannot be written leaves nothing behind.
        #expect(throws: (any Error).self) { try report.write(to: path + "/not-a-folder/junit.xml") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["junit.xml"])
    }

    @Test("the verdict and its exit status: 0 passed, 1 failures, 3 unreachable, 4 nothing judged unless that is accepted, 5 credentials refused")
    func exitCodes() {
        #expect(Self.summary(body: "{}", outcome: .passed).verdict == .passed)
        #expect(Self.summary(body: "{}", outcome: .failed([])).verdict == .failed)
        var unreachable = Self.summary(body: "{}", outcome: .error(.transport(TransportError(kind: .unreachable, description: "connection refused"))))
        unreachable.results[0].culpritStep = 0
        unreachable.results[0].exchanges[0].transportError = TransportError(kind: .unreachable, description: "connection refused")
        #expect(unreachable.verdict == .unreachable)
        var skipped = Self.summary(body: "{}", outcome: .skipped(.tooFewCreates))
        #expect(skipped.verdict == .nothingJudged)
        #expect(Verdict.allCases.map(\.exitCode) == [0, 1, 3, 4, 5])
        let text = TerminalReport(summary: skipped, color: false, tokenVariable: "T", junitPath: nil).text
        #expect(text.hasSuffix("NOTHING JUDGED: 0 passed, 0 failed, 0 errors, 1 skipped (1 case in 0.02 s, 50 cases/s)"), "\(text)")
        #expect(HTMLReport(summary: skipped, tokenVariable: "T").html.contains("<h1><span class=\"word\">NOTHING JUDGED</span> "))
        skipped.nothingJudgedAccepted = true
        #expect(skipped.verdict == .passed)
        #expect(Self.summary(body: "{}", outcome: .passed).verdict.exitCode == 0)
    }

    @Test("the terminal summary shows responses seen and never seen, and the verdict")
    func terminal() {
        let text = TerminalReport(
            summary: Self.summary(body: "{}", outcome: .passed), color: false, tokenVariable: "T", junitPath: "reports/junit.xml"
        ).text
        #expect(
            text == """
                contract-test: specs/partneraccount.yaml against mock (http://127.0.0.1:8080/developerprofile), seed 1
                  createPartnerInvitation  1 case: 1 passed, 0 failed, 0 errors, 0 skipped
                    documented responses seen: 200; never: 400

                PASSED: 1 passed, 0 failed, 0 errors, 0 skipped (1 case in 0.02 s, 50 cases/s); JUnit report: reports/junit.xml
                """)
        let colored = TerminalReport(summary: Self.summary(body: "{}", outcome: .passed), color: true, tokenVariable: "T", junitPath: nil).text
        #expect(colored.contains("\u{1B}[1;32mPASSED\u{1B}[0m"))
    }

    @Test("failures are grouped by cause: a status by the member it misjudged, anything else by check, expectation and response member")
    func grouped() {
        let accepted = CheckFailure(
            check: .status, message: "expected a documented 4xx, found 200", expectation: "expected a documented 4xx, found 200",
            causedBySentValue: true)
        let crashed = CheckFailure(
            check: .serverError, message: "answered 500: a server error is never a conforming answer", expectation: "no 5xx, found 500")
        let days = CaseFocus(member: "/expirationDays", valueClass: "not a whole number", validity: .invalid)
        let results = [
            Self.result("expirationDays 10.5 is refused", focus: days, failures: [accepted]),
            Self.result(
                "expirationDays 2147483648 is refused", focus: CaseFocus(member: "/expirationDays", valueClass: "int32 overflow", validity: .invalid),
                failures: [crashed]),
            Self.result("expirationDays 13.5 is refused", focus: days, failures: [accepted]),
            Self.result(
                "partnerEmailId 12345 is refused", focus: CaseFocus(member: "/partnerEmailId", valueClass: "a number", validity: .invalid),
                failures: [accepted]),
            Self.result(
                "partnerEmailId with a plus tag is accepted", focus: CaseFocus(member: "/partnerEmailId", valueClass: "plus tag", validity: .valid),
                failures: [crashed]),
        ]
        let problems = Problem.group(results)
        // A status's cause is the member whose value the server misjudged; a 500 is one cause
        // whichever member the case varied, and lists them.
        #expect(
            problems.map(\.headline) == [
                "status: expected a documented 4xx, found 200 — when sending /expirationDays",
                "server-error: answered 500: a server error is never a conforming answer",
                "status: expected a documented 4xx, found 200 — when sending /partnerEmailId",
            ])
        #expect(
            problems.map { $0.results.map(\.testCase.name) } == [
                ["expirationDays 10.5 is refused", "expirationDays 13.5 is refused"],
                ["expirationDays 2147483648 is refused", "partnerEmailId with a plus tag is accepted"], ["partnerEmailId 12345 is refused"],
            ])
        #expect(problems.map(\.requestMembers) == [["/expirationDays"], ["/expirationDays", "/partnerEmailId"], ["/partnerEmailId"]])
        var summary = Self.summary(body: "{}", outcome: .passed)
        summary.results = results
        let text = TerminalReport(summary: summary, color: false, tokenVariable: "T", junitPath: nil).text
        #expect(
            text.contains(
                """

                FAILURES: 5 failing cases from 3 distinct problems
                  1. createPartnerInvitation › status: expected a documented 4xx, found 200 — when sending /expirationDays
                     first seen in explore: expirationDays 10.5 is refused [id \(results[0].testCase.id)]
                     found by: not a whole number (invalid) in /expirationDays
                     replay: contract-test run --seed 1 --case \(results[0].testCase.id)
                     also shown by 1 more case: explore: expirationDays 13.5 is refused [\(results[2].testCase.id)]
                  2. createPartnerInvitation › server-error: answered 500: a server error is never a conforming answer
                     first seen in explore: expirationDays 2147483648 is refused [id \(results[1].testCase.id)]
                     found by: int32 overflow (invalid) in /expirationDays
                     replay: contract-test run --seed 1 --case \(results[1].testCase.id)
                     shown when sending: /expirationDays, /partnerEmailId
                """), "\(text)")
        #expect(text.hasSuffix("FAILED: 0 passed, 5 failed, 0 errors, 0 skipped (5 cases in 0.02 s, 250 cases/s); 3 distinct problems"))
        let xml = JUnitReport(summary: summary, tokenVariable: "T").xml
        #expect(xml.contains(#"<property name="distinct-problems" value="3"/>"#))
        #expect(
            xml.contains(
                "Problem 1 of 3, shown by 2 cases: explore: expirationDays 10.5 is refused [\(results[0].testCase.id)]; explore: expirationDays 13.5 is refused [\(results[2].testCase.id)]"
            ))
    }

    @Test("an undocumented status is one problem whichever member the cases varied: its cause is not the value sent")
    func undocumentedStatusOneProblem() {
        let created = CheckFailure(
            check: .status, message: "201 is not documented for createFlow (documented: 200, 422)", expectation: "201 documented")
        let results = ["/name", "/tags", "/labels"].map { member in
            Self.result("\(member) is accepted", focus: CaseFocus(member: member, valueClass: "a value", validity: .valid), failures: [created])
        }
        let problems = Problem.group(results)
        #expect(problems.map(\.headline) == ["status: 201 is not documented for createFlow (documented: 200, 422)"])
        #expect(problems.map(\.requestMembers) == [["/name", "/tags", "/labels"]])
    }

    @Test("a valid value refused the way the unvaried request is refused is the request's cause: one problem, not one per member")
    func refusedBaseOneProblem() {
        let refused = CheckFailure(
            check: .status, message: "expected a documented 2xx, found 400", expectation: "expected a documented 2xx, found 400",
            causedBySentValue: true)
        let base = CaseResult(
            testCase: TestCase(operationId: "createUser", kind: .positive, name: "a body with every member is accepted", steps: []),
            outcome: .failed([refused]), exchanges: [], culpritStep: nil, duration: 0.01)
        let varied = ["/avatar", "/phone"].map { member in
            CaseResult(
                testCase: TestCase(
                    operationId: "createUser", kind: .explore, name: "\(member) is accepted", steps: [],
                    focus: CaseFocus(member: member, valueClass: "empty", validity: .valid)),
                outcome: .failed([refused]), exchanges: [], culpritStep: nil, duration: 0.01)
        }
        let problems = Problem.group([base] + varied)
        #expect(problems.map(\.headline) == ["status: expected a documented 2xx, found 400"])
        #expect(problems.map(\.requestMembers) == [["/avatar", "/phone"]])
        // Without the unvaried request refused, each member is its own cause.
        #expect(Problem.group(varied).map(\.member) == ["request /avatar", "request /phone"])
    }

    @Test("a defect in every array item is one problem, and the most frequent problems come first")
    func arrayItems() {
        func missing(_ index: Int) -> CheckFailure {
            CheckFailure(
                check: .schema, message: "expected a string, found 7", pointer: ["items", "\(index)", "name"],
                specLocation: .rule(Mark(file: "x.yaml", line: 9, column: 5)),
                expectation: "type")
        }
        let other = CheckFailure(
            check: .schema, message: "expected a string, found 7", pointer: ["total"], specLocation: .rule(Mark(file: "x.yaml", line: 3, column: 5)),
            expectation: "type")
        let results = [
            Self.result("first", focus: nil, failures: [other]),
            Self.result("second", focus: nil, failures: [missing(0), missing(1)]),
            Self.result("third", focus: nil, failures: [missing(12)]),
        ]
        let problems = Problem.group(results)
        #expect(problems.map(\.member) == ["#/items/*/name", "#/total"])
        #expect(
            problems.map(\.headline) == [
                "schema: #/items/0/name: expected a string, found 7 (spec: x.yaml:9:5)",
                "schema: #/total: expected a string, found 7 (spec: x.yaml:3:5)",
            ])
        #expect(problems.map { $0.results.map(\.testCase.name) } == [["second", "third"], ["first"]])
    }

    @Test("the terminal shows the most frequent problems, errors and skips in full and counts the rest; passing operations fold at scale")
    func terminalAtScale() {
        var summary = Self.summary(body: "{}", outcome: .passed)
        let passing = summary.results[0]
        func named(_ operationId: String, _ outcome: CaseResult.Outcome, _ name: String = "a case") -> CaseResult {
            var result = passing
            result.testCase = TestCase(operationId: operationId, kind: .positive, name: name, steps: [])
            result.outcome = outcome
            return result
        }
        let timedOut = CaseError.transport(TransportError(kind: .timeout, description: "timed out"))
        let broken = (1...4).map { CheckFailure(check: .status, message: "expected 200, found \(400 + $0)", expectation: "\(400 + $0)") }
        summary.results =
            (1...22).map { named("op\($0)", .passed) }
            + [
                named("op1", .failed([broken[0]])), named("op2", .failed([broken[1]]), "one"), named("op2", .failed([broken[1]]), "two"),
                named("op3", .failed([broken[2]])), named("op4", .failed([broken[3]])),
                named("op5", .error(timedOut), "slow"), named("op5", .error(timedOut), "slower"),
                named("op6", .skipped(.noCredentials("no credentials")), "x"), named("op6", .skipped(.noCredentials("no credentials")), "y"),
                named("op6", .skipped(.noCredentials("no credentials")), "z"),
            ]
        summary.documentedStatuses = (1...22).map { ("op\($0)", ["200"]) }
        var report = TerminalReport(summary: summary, color: false, tokenVariable: "T", junitPath: nil)
        report.shownProblems = 2
        let lines = report.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines.filter { $0.hasPrefix("  op") && $0.contains(" cases: ") }.map { String($0.split(separator: " ")[0]) } == (1...6).map { "op\($0)" })
        #expect(lines.contains("  16 more operations: every case passed (their tables are in the HTML report)"))
        #expect(lines.contains("FAILURES: 5 failing cases from 4 distinct problems, the 2 most frequent in full"))
        #expect(
            lines.filter { $0.hasPrefix("  1. ") || $0.hasPrefix("  2. ") || $0.hasPrefix("  3. ") } == [
                "  1. op2 › status: expected 200, found 402", "  2. op1 › status: expected 200, found 401",
            ])
        #expect(lines.contains("  … and 2 more distinct problems (shown by 2 cases), each in the JUnit and HTML reports"))
        #expect(lines.filter { $0.hasPrefix("  op5 › ") } == ["  op5 › positive: slow", "  op5 › positive: slower"])
        #expect(lines.filter { $0.hasPrefix("  op6 › ") } == ["  op6 › positive: x: no credentials", "  op6 › positive: y: no credentials"])
        #expect(lines.contains("  … and 1 more skipped case, each in the JUnit and HTML reports"))
    }
}
