import Foundation
import TestSupport
import Testing

/// A replay reproduces: the printed `replay:` command carries the mock's faults (without them
/// the replay would pass), and the `reproduce:` curl, which names the run's own mock's port,
/// comes with the command that starts the same mock there.
@Suite("contract-test run: replays and reproductions that reproduce")
struct ReplayTests {
    @Test("after run --mock-fault, the replay fails the same way and the reproduction reaches a mock started as the run says")
    func reproduces() async throws {
        try await CommandRunner.detached {
            let first = try CommandRunner.run(["run", "--kind", "positive", "--mock-fault", "wrong-content-type"])
            #expect(first.status == 1)
            let lines = first.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let replay = try #require(lines.first { $0.hasPrefix("replay: ") }.map { String($0.dropFirst("replay: ".count)) })
            #expect(replay.hasPrefix("contract-test run --mock-fault wrong-content-type --seed 1 --case "), "\(replay)")
            let mockLine = try #require(lines.first { $0.hasPrefix("against the run's own mock, started again by: ") })
            let mockCommand = String(mockLine.dropFirst("against the run's own mock, started again by: ".count))
            #expect(
                mockCommand.hasPrefix("contract-test mock --port ")
                    && mockCommand.hasSuffix(#" --seed 1 --fault wrong-content-type --token "$PARTNER_API_TOKEN""#))
            let stored = try #require(
                try JSONSerialization.jsonObject(with: Data((first.reports["run.json"] ?? "").utf8)) as? [String: Any])
            #expect((stored["replayCommand"] as? String)?.hasPrefix("contract-test run --mock-fault wrong-content-type --seed 1") == true)
            #expect(first.reports["report.html"]?.contains("--mock-fault wrong-content-type") == true)

            // The replay, as printed: the same problem again.
            let again = try CommandRunner.run(Array(replay.split(separator: " ").dropFirst().map(String.init)))
            #expect(again.status == 1, "\(again.stdout)")
            #expect(again.stdout.contains("createPartnerInvitation › content-type: expected Content-Type application/json, found text/plain"))

            // The reproduction, against the mock started as the reports say.
            let port = try #require(mockCommand.split(separator: " ").drop { $0 != "--port" }.dropFirst().first.map(String.init))
            let (mock, _) = try CommandRunner.start(
                ["mock", "--port", port, "--seed", "1", "--fault", "wrong-content-type", "--token", "replay-token"])
            defer { mock.terminate() }
            let curl = try #require(lines.first { $0.hasPrefix("reproduce: curl ") }.map { String($0.dropFirst("reproduce: ".count)) })
            #expect(curl.contains("http://127.0.0.1:\(port)/developerprofile/"))
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", curl]
            shell.environment = ProcessInfo.processInfo.environment.merging(["PARTNER_API_TOKEN": "replay-token"]) { $1 }
            let out = Pipe()
            shell.standardOutput = out
            try shell.run()
            let answer = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            #expect(answer.lowercased().contains("content-type: text/plain"), "\(answer)")
        }
    }
}
