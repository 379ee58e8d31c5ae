import CaseGeneration
import Checks
import Execution
import Foundation
import MockServer
import OpenAPIModel
import Reporting
import Synchronization
import Testing
import YAMLSource

/// Credentials as a fact of the run: refused from the start, the run stops and says so instead
/// of reporting the API's refusals as drift; lost mid-run, the cases after are not judged and the
/// likely cause is named; an operation whose words say it touches credentials runs last.
@Suite("The run's own credentials")
struct CredentialTests {
    @Test("a wrong token: the first authenticated request is refused, nothing else is sent, every case says why, and the verdict is its own")
    func refusedFromTheStart() async throws {
        let (document, rules) = GateHarness.contract
        let api = MockAPI(document: document, rules: rules, configuration: MockConfiguration(port: 0, token: "right-token"))
        let basePath = api.basePath
        let (verdict, port) = try await MockServer.withRunning(api) { port in
            (
                try await GateHarness.against(
                    Target(baseURL: "http://127.0.0.1:\(port)\(basePath)", name: "mock"), document, rules: rules, token: "wrong-token"),
                port
            )
        }
        let reasons = Set(
            verdict.results.compactMap { result -> String? in
                if case .skipped(let reason) = result.outcome { reason.description } else { nil }
            })
        #expect(verdict.failingCases == [])
        #expect(
            reasons == [
                #"not judged: credentials refused: POST http://127.0.0.1:\#(port)\#(basePath)/api/v1/invitation with the secret of bearerAuth got 401 (WWW-Authenticate: Bearer)"#
            ], "\(reasons)")
        // One request was sent: the proof.
        #expect(verdict.results.flatMap(\.exchanges).count == 1)
        var summary = RunSummary(
            specPath: "specs/partneraccount.yaml", target: Target(baseURL: "http://x", name: "mock"), seed: 1, startedAt: "", duration: 1,
            results: verdict.results, documentedStatuses: [])
        summary.credentialSource = "$PARTNER_API_TOKEN"
        #expect(summary.verdict == .credentialsRefused && summary.verdict.exitCode == 5)
        let text = TerminalReport(summary: summary, color: false, tokenVariable: "PARTNER_API_TOKEN", junitPath: nil).text
        #expect(text.contains("CREDENTIALS REFUSED: nothing was judged"))
        #expect(text.contains(" with the secret of bearerAuth (the secret from $PARTNER_API_TOKEN) got 401; WWW-Authenticate: Bearer\n"), "\(text)")
        #expect(
            text.hasSuffix(
                "CREDENTIALS REFUSED: 0 passed, 0 failed, 0 errors, \(verdict.results.count) skipped (\(verdict.results.count) cases in 1.00 s, \(verdict.results.count) cases/s)"
            ))
    }

    static let document = OpenAPILoader().load(
        SourceFile(
            path: "keys.yaml",
            text: """
                openapi: 3.0.3
                info: {title: Keys, version: "1"}
                security: [{tokenAuth: []}]
                components: {securitySchemes: {tokenAuth: {type: http, scheme: bearer}}}
                paths:
                  /things:
                    get:
                      operationId: listThings
                      responses:
                        "200": {description: the things, content: {application/json: {schema: {type: array}}}}
                        "401": {description: no credentials}
                  /maintenance/run:
                    post:
                      operationId: runMaintenance
                      responses:
                        "204": {description: done}
                        "401": {description: no credentials}
                  /account/token/reset:
                    post:
                      operationId: resetToken
                      responses:
                        "204": {description: a new token is issued; the old one no longer works}
                        "401": {description: no credentials}
                  /account/settings:
                    post:
                      operationId: changeSettings
                      responses:
                        "204": {description: changed}
                        "401": {description: no credentials}
                """)
    ).document!

    /// A server whose token stops working once `revoking` is called.
    static func server(revoking: String) -> @Sendable (WildServer.Arrival) -> WildServer.Answer {
        let revoked = Revoked()
        return { arrival in
            guard arrival.authorization == "Bearer gate-token", !revoked.flag.load(ordering: .relaxed) else {
                return .empty(401, headers: [("WWW-Authenticate", #"Bearer error="invalid_token""#)])
            }
            if arrival.path == revoking, arrival.method == "POST" {
                revoked.flag.store(true, ordering: .relaxed)
                return .empty(204)
            }
            switch (arrival.method, arrival.path) {
            case ("GET", "/things"): return .json(200, "[]")
            case ("POST", "/maintenance/run"), ("POST", "/account/token/reset"), ("POST", "/account/settings"): return .empty(204)
            default: return .empty(405, headers: [("Allow", arrival.path == "/things" ? "GET" : "POST")])
            }
        }
    }

    /// Whether the token was revoked.
    final class Revoked: Sendable {
        let flag = Atomic(false)
    }

    @Test("an operation whose call revokes the token, named by nothing: the cases after it are not judged, naming it; no failure")
    func lostMidRun() async throws {
        let answer = Self.server(revoking: "/maintenance/run")
        let verdict = try await WildServer.withRunning(answer) { port, _ in
            try await GateHarness.against(Target(baseURL: "http://127.0.0.1:\(port)", name: "local"), Self.document, kinds: [.positive, .method])
        }
        #expect(verdict.failingCases == [])
        let lost = verdict.results.compactMap { result -> SkipReason? in
            if case .skipped(let reason) = result.outcome { reason } else { nil }
        }
        #expect(!lost.isEmpty)
        #expect(
            Set(lost.map(\.description)).allSatisfy {
                $0.hasPrefix("not judged: credentials no longer accepted after case '") && $0.contains("(POST http://127.0.0.1:")
                    && $0.hasSuffix("/maintenance/run)")
            }, "\(Set(lost.map(\.description)))")
        let summary = RunSummary(
            specPath: "keys.yaml", target: Target(baseURL: "http://x", name: "local"), seed: 1, startedAt: "", duration: 1,
            results: verdict.results, documentedStatuses: [])
        #expect(summary.verdict == .credentialsRefused)
        let text = TerminalReport(summary: summary, color: false, tokenVariable: "T", junitPath: nil).text
        #expect(text.contains("CREDENTIALS LOST: the credentials were no longer accepted after case '"), "\(text)")
        #expect(
            text.contains(
                "  if runMaintenance changes the run's credentials or the server's settings, keep it from the run: in contract-test.yaml, overrides: {runMaintenance: {skip: true, reason: ...}}, or {run-last: true, reason: ...} to run it after every other case"
            ))
    }

    @Test(
        "an operation whose words say it resets the token runs after every other case, after those that change settings, so every other case is judged"
    )
    func resetRunsLast() async throws {
        let answer = Self.server(revoking: "/account/token/reset")
        let verdict = try await WildServer.withRunning(answer) { port, _ in
            try await GateHarness.against(Target(baseURL: "http://127.0.0.1:\(port)", name: "local"), Self.document, kinds: [.positive, .method])
        }
        #expect(verdict.failingCases == [])
        let notJudged = verdict.results.filter(\.isSkipped).map(\.testCase.operationId)
        #expect(Set(notJudged).isSubset(of: ["resetToken"]), "\(notJudged)")
        #expect(verdict.results.filter { $0.testCase.operationId != "resetToken" }.allSatisfy { $0.outcome == .passed })
        #expect(verdict.results.contains { $0.testCase.operationId == "changeSettings" && $0.outcome == .passed })
    }
}
