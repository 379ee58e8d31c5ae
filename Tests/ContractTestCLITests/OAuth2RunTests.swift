import Foundation
import TestSupport
import Testing

/// `run --oauth2-token-url` against the mock's own token endpoint: tokens that renew
/// themselves during a run, and a token endpoint that refuses as a usage error.
@Suite("contract-test run --oauth2-token-url")
struct OAuth2RunTests {
    static let client = ["OAUTH2_CLIENT_ID": "contract-test", "OAUTH2_CLIENT_SECRET": "oauth-mock-secret", "PARTNER_API_TOKEN": ""]

    /// `GET /__mock/state`'s count of issued tokens.
    static func tokensIssued(_ root: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", root + "/__mock/state?limit=1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["tokensIssued"] as? Int ?? -1
    }

    @Test("a run longer than a token's life renews it before it expires, once for all requests, and every case passes")
    func renewsDuringTheRun() async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("oauth2-run")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (mock, url, root) = try CommandRunner.startMock(["--token", "oauth-mock-secret", "--token-lifetime", "2"])
            defer { mock.terminate() }
            // 10 requests a second for a few seconds: tokens good for 2 s are renewed after 1 s.
            let outcome = try CommandRunner.run(
                [
                    "run", "--base-url", url, "--kind", "positive,negative,auth", "--rate-limit", "10", "--oauth2-token-url",
                    root + "/__mock/oauth2/token",
                ]
                    + VerifyCommandTests.reportArguments(folder, ""),
                environment: Self.client)
            #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
            let run = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/run.json"))) as? [String: Any]
            let results = (run?["results"] as? [[String: Any]]) ?? []
            let requests = results.reduce(0) { $0 + (($1["exchanges"] as? [Any])?.count ?? 0) }
            let issued = try Self.tokensIssued(root)
            #expect(requests >= 25, "\(requests) requests")
            #expect(issued >= 2, "renewed at least once: \(issued) tokens for \(requests) requests")
            #expect(issued * 3 < requests, "renewed once per lifetime, not per request: \(issued) tokens for \(requests) requests")
            for file in ["junit.xml", "run.json", "report.html"] {
                let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
                #expect(!text.contains("oauth-mock-secret") && !text.contains("mock-at-"), "\(file) holds no secret and no token")
            }
        }
    }

    @Test(
        "a token endpoint that refuses the client is a usage error in words: exit 2, nothing sent, no report",
        arguments: [
            (["OAUTH2_CLIENT_SECRET": "wrong"], "refused the client credentials (401 invalid_client: unknown client or wrong secret)"),
            (["OAUTH2_CLIENT_ID": "someone-else"], "refused the client credentials (401 invalid_client: unknown client or wrong secret)"),
        ])
    func refused(override: [String: String], words: String) async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("oauth2-refused")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (mock, url, root) = try CommandRunner.startMock(["--token", "oauth-mock-secret"])
            defer { mock.terminate() }
            let outcome = try CommandRunner.run(
                ["run", "--base-url", url, "--kind", "positive", "--oauth2-token-url", root + "/__mock/oauth2/token"]
                    + VerifyCommandTests.reportArguments(folder, ""),
                environment: Self.client.merging(override) { $1 })
            #expect(outcome.status == 2)
            #expect(outcome.stderr == "error: the OAuth2 token endpoint \(root)/__mock/oauth2/token \(words)\n", "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/junit.xml"))
        }
    }
}
