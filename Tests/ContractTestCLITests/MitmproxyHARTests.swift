import Foundation
import TestSupport
import Testing

/// A HAR written by a tool QA engineers use: mitmproxy (PyPI) as a reverse proxy in front of a
/// faulty mock, curl as the client, `mitmdump --set hardump=FILE` recording, then `verify`.
@Suite("contract-test verify on mitmproxy's HAR")
struct MitmproxyHARTests {
    /// `mitmdump` from `.venv-ci` (`.ci/run` installs it) or the tests' own environment.
    static let mitmdump: String? = [RepositoryPaths.root + "/.venv-ci/bin/mitmdump", RepositoryPaths.root + "/.build/venv-checks/bin/mitmdump"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `CONTRACT_TEST_REQUIRE_MITMPROXY=1` (set by `.ci/run`) turns a missing mitmdump from a
    /// skipped test into a failed one.
    static var required: Bool { ProcessInfo.processInfo.environment["CONTRACT_TEST_REQUIRE_MITMPROXY"] == "1" }

    static func curl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", "-o", "/dev/null"] + arguments
        try process.run()
        process.waitUntilExit()
    }

    @Test(
        "curl through mitmdump in front of the mock with a fault: verify finds the fault, the client's faulty request apart, no token written",
        .enabled(if: mitmdump != nil || required, "mitmproxy is not installed (.ci/run installs it into .venv-ci)"))
    func mitmdumpHAR() async throws {
        try await CommandRunner.detached { try Self.mitmdumpHARBlocking() }
    }

    static func mitmdumpHARBlocking() throws {
        let mitmdump = try #require(Self.mitmdump, "mitmdump not found in .venv-ci or .build/venv-checks")
        let folder = try VerifyCommandTests.folder("mitmproxy")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (mock, mockURL, upstream) = try CommandRunner.startMock(["--token", "qa-token-5b1e", "--fault", "wrong-content-type"])
        defer { mock.terminate() }

        let (proxy, listening) = try Self.startMitmdump(
            mitmdump, arguments: ["--mode", "reverse:" + upstream, "--set", "hardump=" + folder + "/mitm.har"],
            log: folder + "/mitmdump.log")
        defer { if proxy.isRunning { proxy.terminate() } }
        let through = "http://" + listening + "/developerprofile/api/v1/invitation"

        try Self.curl([
            "-X", "POST", through, "-H", "Authorization: Bearer qa-token-5b1e", "-H", "Content-Type: application/json",
            "--data-binary", #"{"partnerEmailId":"qa-mitm@example.com","expirationDays":10}"#,
        ])
        try Self.curl([
            "-X", "POST", through, "-H", "Content-Type: application/json", "--data-binary",
            #"{"partnerEmailId":"qa-mitm2@example.com","expirationDays":10}"#,
        ])
        proxy.terminate()
        for _ in 0..<300 where proxy.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!proxy.isRunning, "mitmdump did not stop on SIGTERM")
        if proxy.isRunning { kill(proxy.processIdentifier, SIGKILL) }

        let outcome = try CommandRunner.run(["verify", folder + "/mitm.har", "--base-url", mockURL] + VerifyCommandTests.reportArguments(folder, ""))
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains { $0.hasPrefix("  1. createPartnerInvitation › content-type: expected Content-Type application/json, found text/plain") },
            "\(outcome.stdout)")
        #expect(lines.contains("  1. createPartnerInvitation › no credentials for 'bearerAuth': expected Authorization: Bearer ..."))
        #expect(lines.contains("     first: mitm.har entry 2: POST \(mockURL)/api/v1/invitation"))
        for file in ["junit.xml", "run.json", "report.html"] {
            #expect(try !String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8).contains("qa-token-5b1e"), "\(file)")
        }
        #expect(!outcome.stdout.contains("qa-token-5b1e"))
    }

    /// Starts mitmdump on a free loopback port with `arguments`, its log in `log`; the
    /// process and the `host:port` it listens at. Through its Python, to unblock the signals a
    /// Foundation child inherits blocked: the proxy writes what it keeps when told to stop.
    static func startMitmdump(_ mitmdump: String, arguments: [String], log: String) throws -> (process: Process, listening: String) {
        let python = URL(fileURLWithPath: mitmdump).deletingLastPathComponent().appendingPathComponent("python").path
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: python)
        proxy.arguments =
            [
                "-c",
                "import signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); from mitmproxy.tools.main import mitmdump; sys.exit(mitmdump())",
                "--listen-host", "127.0.0.1", "--listen-port", "0",
            ] + arguments
        // Its log goes to a file, read until the proxy says where it listens (Python buffers
        // what it writes to a pipe).
        FileManager.default.createFile(atPath: log, contents: nil)
        proxy.environment = ProcessInfo.processInfo.environment.merging(["PYTHONUNBUFFERED": "1"]) { $1 }
        proxy.standardOutput = FileHandle(forWritingAtPath: log)
        proxy.standardError = FileHandle.nullDevice
        proxy.standardInput = FileHandle.nullDevice
        try proxy.run()
        // "reverse proxy to http://127.0.0.1:PORT listening at 127.0.0.1:PORT.", "HTTP(S) proxy listening at 127.0.0.1:PORT."
        let text = CommandRunner.waitForLog(log, containing: "listening at")
        guard let listening = text.range(of: "listening at ").map({ text[$0.upperBound...].prefix { $0 != "\n" } }) else {
            proxy.terminate()
            throw MitmdumpFailure(log: text)
        }
        return (proxy, listening.trimmingCharacters(in: CharacterSet(charactersIn: ".")))
    }

    struct MitmdumpFailure: Error, CustomStringConvertible {
        var log: String
        var description: String { "mitmdump did not say where it listens: \(log)" }
    }
}
