import BusinessRules
import Foundation
import MockServer
import OpenAPIModel
import TestSupport
import Testing

/// Running against other targets: tokens from the environment or a command, HTTPS with a test
/// CA, and secrets that never reach an output.
@Suite("contract-test run against other targets")
struct TargetTests {
    static let contract = OpenAPILoader().load(file: RepositoryPaths.contract).document!
    static let rules = BusinessRules.load(file: RepositoryPaths.contractRules, document: contract).rules!

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    /// A mock in this process, for the command to run against.
    static func withMock(token: String, faults: Set<Fault> = [], _ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let api = MockAPI(document: contract, rules: rules, configuration: MockConfiguration(port: 0, token: token, faults: faults))
        try await MockServer.withRunning(api) { port in
            try await body("http://127.0.0.1:\(port)/developerprofile")
        }
    }

    @Test("the token never reaches the terminal or the JUnit report")
    func secrets() async throws {
        let token = "s3cr3t-partner-token-9f2c"
        let report = Self.temporaryFile("junit.xml")
        defer { try? FileManager.default.removeItem(atPath: report) }
        try await Self.withMock(token: token, faults: [.wrongContentType]) { url in
            let outcome = try await CommandRunner.runDetached(
                ["run", "--base-url", url, "--junit", report], environment: ["PARTNER_API_TOKEN": token])
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("content-type: expected Content-Type application/json"))
            #expect(outcome.stdout.contains(#"-H "Authorization: Bearer $PARTNER_API_TOKEN""#))
            let xml = try String(contentsOfFile: report, encoding: .utf8)
            #expect(xml.contains("Authorization: Bearer [REDACTED]"))
            #expect(!outcome.stdout.contains(token) && !outcome.stderr.contains(token) && !xml.contains(token))
            // Against a real server the expiry case cannot move the clock: skipped, with the reason.
            #expect(
                xml.contains(#"<skipped message="needs to move the server&apos;s clock"#)
                    || xml.contains(#"<skipped message="needs to move the server's clock"#))
        }
    }

    @Test("a token command is asked again once when a valid-token request gets 401")
    func tokenCommand() async throws {
        let counter = Self.temporaryFile("count")
        defer { try? FileManager.default.removeItem(atPath: counter) }
        // The first call prints a stale token, later calls the fresh one.
        let command = "if [ -f \(counter) ]; then echo fresh-token; else touch \(counter); echo stale-token; fi"
        try await Self.withMock(token: "fresh-token") { url in
            let outcome = try await CommandRunner.runDetached(
                ["run", "--base-url", url, "--kind", "positive", "--token-command", command, "--junit", Self.temporaryFile("junit.xml")])
            #expect(outcome.status == 0, "\(outcome.stdout)")
            #expect(!outcome.stdout.contains("fresh-token") && !outcome.stdout.contains("stale-token"))
        }
    }

    @Test("a failing token command is a usage error that says why")
    func brokenTokenCommand() throws {
        let outcome = try CommandRunner.run(["run", "--target", "sandbox", "--token-command", "echo nope >&2; exit 7"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: the token command exited with 7: nope\n")
    }

    @Test(
        "HTTPS with a test CA: trusted with --ca-cert, a TLS problem in words without it",
        .enabled(if: Prerequisites.missing("openssl") == nil, "needs openssl to make the test CA"))
    func https() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestCertificates.make(in: folder)
        let (mock, line) = try CommandRunner.start(
            ["mock", "--port", "0", "--token", "tls-token", "--tls-cert", folder + "/server.pem", "--tls-key", folder + "/server.key"])
        defer { mock.terminate() }
        let url = try #require(line.split(separator: " ").first { $0.hasPrefix("https://") }).replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let trusted = try CommandRunner.run(
            ["run", "--base-url", String(url), "--kind", "positive", "--ca-cert", folder + "/ca.pem", "--junit", folder + "/junit.xml"],
            environment: ["PARTNER_API_TOKEN": "tls-token"])
        #expect(trusted.status == 0, "\(trusted.stdout)")
        let untrusted = try CommandRunner.run(
            ["run", "--base-url", String(url), "--kind", "positive", "--junit", folder + "/junit.xml"],
            environment: ["PARTNER_API_TOKEN": "tls-token"])
        #expect(untrusted.status == 3)
        #expect(untrusted.stdout.contains("error: TLS problem talking to https://localhost:"))
        #expect(untrusted.stdout.contains("for a private CA pass --ca-cert"))
        mock.terminate()
        mock.waitUntilExit()
        #expect(mock.terminationReason == .exit && mock.terminationStatus == 0, "the mock stops cleanly on SIGTERM")
    }
}

/// A CA and a server certificate for localhost, made with openssl for one test.
enum TestCertificates {
    static func make(in folder: String) throws {
        let commands = [
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=contract-test-ca",
            "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost",
            "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n' > server.ext",
            "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile server.ext",
        ]
        for command in commands {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: command]) }
        }
    }
}
