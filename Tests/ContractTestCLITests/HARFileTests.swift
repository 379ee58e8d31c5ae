import Foundation
import MockServer
import Synchronization
import TestSupport
import Testing

/// `run --har FILE`: every exchange of a run as HAR 1.2, checked against the HAR schema with
/// Python's jsonschema (an implementation independent of this project's), secrets redacted.
@Suite("contract-test run --har")
struct HARFileTests {
    /// The run's files in a folder of their own.
    static func reportArguments(_ folder: String) -> [String] {
        ["--junit", folder + "/junit.xml", "--json", folder + "/run.json", "--html", folder + "/report.html", "--har", folder + "/run.har"]
    }

    static func entries(_ path: String) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let log = try #require(json?["log"] as? [String: Any])
        #expect(log["version"] as? String == "1.2")
        #expect((log["creator"] as? [String: Any])?["name"] as? String == "contract-test")
        return try #require(log["entries"] as? [[String: Any]])
    }

    @Test("a run against a faulty mock writes every exchange, valid HAR 1.2, each naming its case and verdict, the token redacted")
    func faultyRun() async throws {
        let token = "s3cr3t-har-token-41d7"
        let folder = TargetTests.temporaryFile("har")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = Mutex("")
        try await TargetTests.withMock(token: token, faults: [.wrongContentType]) { url in
            base.withLock { $0 = url }
            let outcome = try await CommandRunner.runDetached(
                ["run", "--base-url", url, "--kind", "positive,auth"] + Self.reportArguments(folder), environment: ["PARTNER_API_TOKEN": token])
            #expect(outcome.status == 1)
        }
        let har = folder + "/run.har"
        let invalid = try await CommandRunner.detached {
            try PythonCheck.validate(json: har, schemaFolder: RepositoryPaths.fixtures + "/har-schema", root: "har.json")
        }
        #expect(invalid == nil)
        let text = try String(contentsOfFile: har, encoding: .utf8)
        #expect(!text.contains(token))
        let entries = try Self.entries(har)
        let marks = entries.compactMap { $0["_contractTest"] as? [String: Any] }
        #expect(marks.count == entries.count, "every entry names its case")

        // The positive case fails on the mock's wrong Content-Type; the entry says so.
        let positive = try #require(
            entries.first { ($0["_contractTest"] as? [String: Any])?["caseName"] as? String == "a body with every member is accepted" })
        let mark = try #require(positive["_contractTest"] as? [String: Any])
        #expect(mark["verdict"] as? String == "failed")
        #expect(mark["operationId"] as? String == "createPartnerInvitation")
        #expect((mark["failures"] as? [String])?.first?.hasPrefix("content-type: expected Content-Type application/json") == true)
        let request = try #require(positive["request"] as? [String: Any])
        #expect(request["method"] as? String == "POST")
        #expect(request["url"] as? String == base.withLock { $0 } + "/api/v1/invitation")
        let headers = try #require(request["headers"] as? [[String: String]])
        #expect(headers.contains { $0["name"]?.lowercased() == "authorization" && $0["value"] == "Bearer [REDACTED]" })
        let postData = try #require(request["postData"] as? [String: Any])
        #expect(postData["mimeType"] as? String == "application/json")
        #expect((postData["text"] as? String)?.hasPrefix("{") == true)
        let response = try #require(positive["response"] as? [String: Any])
        #expect(response["status"] as? Int == 200)
        #expect(response["statusText"] as? String == "OK")
        #expect(((response["content"] as? [String: Any])?["text"] as? String)?.isEmpty == false)

        // An auth case passes: its entry is there too, with its own verdict.
        let auth = try #require(
            entries.first { ($0["_contractTest"] as? [String: Any])?["caseName"] as? String == "no Authorization header gets 401" })
        #expect((auth["_contractTest"] as? [String: Any])?["verdict"] as? String == "passed")
        #expect((auth["response"] as? [String: Any])?["status"] as? Int == 401)
        #expect(
            !((auth["request"] as? [String: Any])?["headers"] as? [[String: String]] ?? []).contains { $0["name"]?.lowercased() == "authorization" })

        // As many entries as the run has exchanges, in the run's order.
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/run.json"))) as? [String: Any]
        let storedURLs = ((stored?["results"] as? [[String: Any]]) ?? []).flatMap { ($0["exchanges"] as? [[String: Any]]) ?? [] }
            .compactMap { ($0["request"] as? [String: Any])?["url"] as? String }
        #expect(entries.compactMap { ($0["request"] as? [String: Any])?["url"] as? String } == storedURLs)
    }

    @Test(
        "a case that sends one request several times names the exchange its failure is about by its place: the second success of a race, not the last alike"
    )
    func culpritByPlace() async throws {
        let folder = TargetTests.temporaryFile("har-race")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try await CommandRunner.runDetached(
            ["run", "--mock-fault", "racy-duplicate-check", "--kind", "rules"] + Self.reportArguments(folder))
        #expect(outcome.status == 1)
        let marks = try Self.entries(folder + "/run.har").compactMap { $0["_contractTest"] as? [String: Any] }
        let race = marks.filter { ($0["caseName"] as? String)?.contains("sent at once") == true && $0["verdict"] as? String == "failed" }
        let firstRace = try #require(race.first?["caseId"] as? String)
        let steps = race.filter { $0["caseId"] as? String == firstRace }
        #expect(steps.count == 5)
        #expect(steps.compactMap { $0["failures"] == nil ? nil : $0["step"] as? Int } == [1])
    }

    @Test("an unreachable target: each entry has status 0 and the transport error, still valid HAR")
    func unreachable() async throws {
        try await CommandRunner.detached { try Self.unreachableBlocking() }
    }

    static func unreachableBlocking() throws {
        let folder = TargetTests.temporaryFile("har-unreachable")
        let closed = try RefusingPort()
        defer {
            closed.close()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let outcome = try CommandRunner.run(
            ["run", "--base-url", closed.url + "/developerprofile", "--kind", "positive"] + Self.reportArguments(folder),
            environment: ["PARTNER_API_TOKEN": "x"])
        #expect(outcome.status != 0)
        let har = folder + "/run.har"
        #expect(try PythonCheck.validate(json: har, schemaFolder: RepositoryPaths.fixtures + "/har-schema", root: "har.json") == nil)
        let first = try #require(try Self.entries(har).first)
        #expect((first["response"] as? [String: Any])?["status"] as? Int == 0)
        #expect((first["_error"] as? String)?.isEmpty == false)
        #expect((first["_contractTest"] as? [String: Any])?["verdict"] as? String == "error")
    }
}
