import Foundation
import TestSupport
import Testing

/// `run --spec URL`: the vendor publishes its description at a URL. Fetched (and cached as
/// remote references are), with the same errors and positions as a file, and its SHA-256 in
/// the reports.
@Suite("contract-test run --spec URL")
struct SpecURLTests {
    /// Serves `folder` over HTTP on a free loopback port (Python's http.server); its root URL.
    static func serve(_ folder: String) throws -> (process: Process, url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder]
        let log = folder + "/server.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // "Serving HTTP on 127.0.0.1 port 43125 (http://127.0.0.1:43125/) ..."
        let text = CommandRunner.waitForLog(log, containing: " port ")
        let port = text.range(of: " port ").map { text[$0.upperBound...].prefix { $0.isNumber } } ?? ""
        return (process, "http://127.0.0.1:\(port)")
    }

    /// SHA-256 by coreutils: an implementation of its own.
    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(output.prefix { $0 != " " })
    }

    @Test(
        "the document at a URL is fetched and run by, its SHA-256 in every report; a bad one is refused at URL:line:column, an absent one in words",
        .enabled(if: Prerequisites.missing("python3") == nil && Prerequisites.missing("sha256sum") == nil, "needs python3 and sha256sum"))
    func specAtURL() async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("spec-url")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let served = folder + "/served"
            try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: RepositoryPaths.contract, toPath: served + "/partneraccount.yaml")
            try "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 5\n".write(
                toFile: served + "/bad.yaml", atomically: true, encoding: .utf8)
            let (server, root) = try Self.serve(served)
            defer { server.terminate() }
            let cache = ["--ref-cache", folder + "/cache"]

            let good = try CommandRunner.run(
                ["run", "--spec", root + "/partneraccount.yaml", "--kind", "positive"] + cache
                    + VerifyCommandTests.reportArguments(folder, ""))
            let digest = try Self.sha256(served + "/partneraccount.yaml")
            #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
            #expect(good.stdout.hasPrefix("contract-test: \(root)/partneraccount.yaml (sha256 \(digest.prefix(12))) against mock"), "\(good.stdout)")
            #expect(
                try String(contentsOfFile: folder + "/junit.xml", encoding: .utf8).contains(#"<property name="spec-sha256" value="\#(digest)"/>"#))
            #expect(try String(contentsOfFile: folder + "/run.json", encoding: .utf8).contains(#""specSHA256":"\#(digest)""#))
            #expect(try String(contentsOfFile: folder + "/report.html", encoding: .utf8).contains("\(root)/partneraccount.yaml (sha256 \(digest))"))

            let bad = try CommandRunner.run(["run", "--spec", root + "/bad.yaml"] + cache + VerifyCommandTests.reportArguments(folder, "bad-"))
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("\(root)/bad.yaml:6:18: error: "), "\(bad.stderr)")
            let absent = try CommandRunner.run(
                ["run", "--spec", root + "/nope.yaml"] + cache + VerifyCommandTests.reportArguments(folder, "absent-"))
            #expect(absent.status == 2)
            #expect(absent.stderr == "error: '\(root)/nope.yaml' answered 404 Not Found: expected 200 and the document\n", "\(absent.stderr)")
            #expect(
                !FileManager.default.fileExists(atPath: folder + "/bad-junit.xml")
                    && !FileManager.default.fileExists(atPath: folder + "/absent-junit.xml"))
        }
    }
}
