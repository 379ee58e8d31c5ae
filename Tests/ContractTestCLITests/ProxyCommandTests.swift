import AsyncHTTPClient
import Foundation
import MockServer
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// `contract-test proxy`: QA's own clients (curl, and this project's HTTP client) through the
/// validating proxy in front of a faulty mock.
@Suite("contract-test proxy")
struct ProxyCommandTests {
    /// The proxy as a process whose output goes to a file, and the port it listens on.
    static func startProxy(_ arguments: [String], log: String) async throws -> (Process, Int) {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["proxy", "--port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        for _ in 0..<300 where !text.contains("proxy listening at") {
            try await Task.sleep(for: .milliseconds(50))
            text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        guard let range = text.range(of: "proxy listening at http://127.0.0.1:"),
            let port = Int(text[range.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            throw Failure(reason: "the proxy did not start: \(text)")
        }
        return (process, port)
    }

    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// curl's answer head, on a thread of its own (the mock behind the proxy is in this process).
    static func curlHeaders(_ arguments: [String]) async throws -> String {
        try await CommandRunner.detached { try curlBlocking(arguments) }
    }

    static func curlBlocking(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", "-o", "/dev/null", "-D", "-"] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(
        "curl and the project's own client through the proxy: each answer says what it gets wrong, a line per exchange, the reports and a valid HAR at the end, no token written"
    )
    func throughTheProxy() async throws {
        let token = "qa-proxy-token-77c2"
        let folder = try VerifyCommandTests.folder("proxy")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TargetTests.withMock(token: token, faults: [.wrongContentType]) { url in
            let upstream = try #require(url.range(of: "/developerprofile").map { String(url[..<$0.lowerBound]) })
            let log = folder + "/proxy.log"
            let (proxy, port) = try await Self.startProxy(
                ["--upstream", upstream, "--duration", "4", "--har", folder + "/proxy.har"]
                    + VerifyCommandTests.reportArguments(folder, ""), log: log)
            defer { if proxy.isRunning { proxy.terminate() } }
            let through = "http://127.0.0.1:\(port)/developerprofile/api/v1/invitation"

            let failed = try await Self.curlHeaders([
                "-X", "POST", through, "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                "--data-binary", #"{"partnerEmailId":"qa-proxy@example.com","expirationDays":10}"#,
            ])
            #expect(failed.contains("HTTP/1.1 200 OK"))
            #expect(
                failed.contains(
                    "Contract-Test: failed; content-type: expected Content-Type application/json, found text/plain; charset=utf-8 (spec: specs/partneraccount.yaml:68:9 (#/paths/~1api~1v1~1invitation/post/responses/200))"
                ), "\(failed)")

            let unauthorized = try await Self.curlHeaders([
                "-X", "POST", through, "-H", "Content-Type: application/json",
                "--data-binary", #"{"partnerEmailId":"qa-proxy2@example.com","expirationDays":10}"#,
            ])
            #expect(unauthorized.contains("HTTP/1.1 401"))
            #expect(
                unauthorized.contains(
                    "Contract-Test: client request breaks the contract; no credentials for 'bearerAuth': expected Authorization: Bearer ..."),
                "\(unauthorized)")

            // The project's own HTTP client, as an SDK would send it.
            let answer = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/developerprofile/api/v2/other"), timeout: .seconds(10))
            #expect(answer.status.code == 404)
            #expect(answer.headers.first(name: "Contract-Test") == "undocumented endpoint")

            for _ in 0..<200 where proxy.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!proxy.isRunning, "the proxy stops after --duration")
            #expect(proxy.terminationStatus == 1)
            let printed = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(
                printed.contains {
                    $0.hasPrefix("#1 POST /developerprofile/api/v1/invitation → 200 in ")
                        && $0.hasSuffix(
                            " ms: failed; content-type: expected Content-Type application/json, found text/plain; charset=utf-8 (spec: specs/partneraccount.yaml:68:9 (#/paths/~1api~1v1~1invitation/post/responses/200))"
                        )
                }, "\(printed)")
            #expect(
                printed.contains { $0.hasPrefix("#3 GET /developerprofile/api/v2/other → 404 in ") && $0.hasSuffix(" ms: undocumented endpoint") })
            #expect(printed.contains("  1. createPartnerInvitation › no credentials for 'bearerAuth': expected Authorization: Bearer ..."))
            #expect(printed.contains("  GET /developerprofile/api/v2/other  (1 exchange, first: proxy exchange 3)"))
            for file in ["junit.xml", "run.json", "report.html", "proxy.har", "proxy.log"] {
                #expect(try !String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8).contains(token), "\(file) holds the token")
            }
            let invalid = try await CommandRunner.detached {
                try PythonCheck.validate(json: folder + "/proxy.har", schemaFolder: RepositoryPaths.fixtures + "/har-schema", root: "har.json")
            }
            #expect(invalid == nil)
            // Every exchange is in the HAR, the undocumented one too (without a case).
            let har = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/proxy.har"))) as? [String: Any]
            let entries = ((har?["log"] as? [String: Any])?["entries"] as? [[String: Any]]) ?? []
            #expect(
                entries.compactMap { ($0["request"] as? [String: Any])?["url"] as? String }.sorted()
                    == [
                        upstream + "/developerprofile/api/v1/invitation", upstream + "/developerprofile/api/v1/invitation",
                        upstream + "/developerprofile/api/v2/other",
                    ])
            #expect(entries.filter { $0["_contractTest"] == nil }.count == 1)
        }
    }

    @Test(
        "the rules over several answers, live: a second create for an active address that the mock lets through is named in its answer's header and fails the proxy's verdict"
    )
    func secondCreateThroughTheProxy() async throws {
        let token = "qa-proxy-token-91b4"
        let folder = try VerifyCommandTests.folder("proxy-rules")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TargetTests.withMock(token: token, faults: [.duplicatesAllowed]) { url in
            let upstream = try #require(url.range(of: "/developerprofile").map { String(url[..<$0.lowerBound]) })
            let (proxy, port) = try await Self.startProxy(
                ["--upstream", upstream, "--duration", "3"] + VerifyCommandTests.reportArguments(folder, ""),
                log: folder + "/proxy.log")
            defer { if proxy.isRunning { proxy.terminate() } }
            let through = "http://127.0.0.1:\(port)/developerprofile/api/v1/invitation"
            var headers: [String] = []
            for address in ["qa-twice@example.com", "QA-Twice@example.com"] {
                headers.append(
                    try await Self.curlHeaders([
                        "-X", "POST", through, "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                        "--data-binary", #"{"partnerEmailId":"\#(address)","expirationDays":10}"#,
                    ]))
            }
            #expect(headers[0].contains("Contract-Test: passed"), "\(headers[0])")
            #expect(headers[1].contains("HTTP/1.1 200 OK"))
            #expect(
                headers[1].contains(
                    #"Contract-Test: failed; rule-one-active: #: expected 409: the partnerEmailId "qa-twice@example.com" has a resource created at "#),
                "\(headers[1])")
            #expect(headers[1].contains("(proxy exchange 1), active until "))
            for _ in 0..<200 where proxy.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            #expect(proxy.terminationStatus == 1)
            #expect(try VerifyCommandTests.problems(folder + "/run.json") == ["createPartnerInvitation rule-one-active one-active"])
        }
    }

    @Test(
        "a proxy that judged nothing says so with exit 4; one whose upstream cannot be reached is unreachable (3); its port in use is a usage error in words (2)"
    )
    func verdictsOfTheirOwn() async throws {
        let folder = try VerifyCommandTests.folder("proxy-verdicts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let closed = try RefusingPort()
        let upstream = "http://127.0.0.1:\(closed.port)"
        let (idle, idlePort) = try await Self.startProxy(
            ["--upstream", upstream] + VerifyCommandTests.reportArguments(folder, "idle-"), log: folder + "/idle.log")
        defer { if idle.isRunning { idle.terminate() } }
        // While it listens, a second proxy on its port is refused in words.
        let taken = try await CommandRunner.detached {
            try CommandRunner.run(["proxy", "--upstream", upstream, "--port", String(idlePort), "--duration", "1"])
        }
        #expect(taken.status == 2)
        #expect(
            taken.stderr
                == "error: cannot listen on 127.0.0.1:\(idlePort): the port is in use (another process listens there): choose another with --port, or --port 0 for any free port\n"
        )
        // Stopped as QA stop it (Ctrl-C), with no traffic seen.
        idle.interrupt()
        for _ in 0..<600 where idle.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(idle.terminationStatus == 4)
        let idleLog = try String(contentsOfFile: folder + "/idle.log", encoding: .utf8)
        #expect(idleLog.contains("NOTHING JUDGED: 0 passed"), "\(idleLog)")
        #expect(idleLog.contains(", judging against specs/partneraccount.yaml below "), "\(idleLog)")

        let (cut, port) = try await Self.startProxy(
            ["--upstream", upstream] + VerifyCommandTests.reportArguments(folder, "cut-"), log: folder + "/cut.log")
        defer { if cut.isRunning { cut.terminate() } }
        let head = try await Self.curlHeaders([
            "-X", "POST", "http://127.0.0.1:\(port)/developerprofile/api/v1/invitation", "-H", "Authorization: Bearer t",
            "-H", "Content-Type: application/json", "--data-binary", #"{"partnerEmailId":"cut@example.com","expirationDays":10}"#,
        ])
        #expect(head.contains("HTTP/1.1 502"), "\(head)")
        cut.interrupt()
        for _ in 0..<600 where cut.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        let cutLog = try String(contentsOfFile: folder + "/cut.log", encoding: .utf8)
        #expect(cut.terminationStatus == 3, "\(cutLog)")
    }
}
