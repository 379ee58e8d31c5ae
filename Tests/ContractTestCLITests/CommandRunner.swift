import Foundation
import TestSupport

/// Runs the built `contract-test` executable as a user would, capturing what it prints.
struct CommandRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// What the command left in its working folder's `reports/` (the default report
        /// paths), by file name; the folder itself is gone.
        var reports: [String: String] = [:]
    }

    static let repositoryRoot = RepositoryPaths.root

    /// The executable beside the test bundle (SwiftPM builds both into one folder).
    static let executable: URL = {
        let candidates =
            [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.deletingLastPathComponent() }
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for folder in candidates {
            let url = folder.appendingPathComponent("contract-test")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: repositoryRoot + "/.build/debug/contract-test")
    }()

    /// A working folder of one command's own: the repository's files by link, so relative
    /// paths (`specs/partneraccount.yaml`) read as in the checkout, and an empty `reports/`
    /// that no other command writes, so commands running at once never share a default report
    /// and nothing lands in the checkout.
    struct Workspace {
        let path: String

        init() throws {
            path = NSTemporaryDirectory() + "contract-test-cli-\(UUID().uuidString)"
            let files = FileManager.default
            try files.createDirectory(atPath: path + "/reports", withIntermediateDirectories: true)
            for entry in try files.contentsOfDirectory(atPath: repositoryRoot) where !entry.hasPrefix(".") && entry != "reports" {
                try files.createSymbolicLink(atPath: path + "/" + entry, withDestinationPath: repositoryRoot + "/" + entry)
            }
        }

        /// The files the command wrote to `reports/`, by name.
        func reports() -> [String: String] {
            let folder = path + "/reports"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return Dictionary(
                uniqueKeysWithValues: names.compactMap { name in
                    (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)).map { (name, $0) }
                })
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Runs `contract-test ARGUMENTS` in a workspace of its own (the repository's files, its
    /// own `reports/`), removed once its reports are read into the outcome.
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Outcome {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        // Read before waiting, so a large output cannot fill the pipe and stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self),
            reports: workspace.reports())
    }

    /// `run` on a thread of its own, so an in-process server keeps its threads while the
    /// command runs.
    static func runDetached(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        try await detached { try run(arguments, environment: environment) }
    }

    /// Blocking work (processes, waits) on a thread of its own: the cooperative pool has one
    /// thread per core, and a test that blocks them starves every in-process server.
    static func detached<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Starts `contract-test ARGUMENTS` in the background and waits for its first line of output.
    /// Its stderr goes to `stderrFile` when given.
    /// The text of a log a started process writes, read until it holds `text` (at most 30 s):
    /// how a test learns where a server listens.
    static func waitForLog(_ log: String, containing text: String) -> String {
        var read = ""
        for _ in 0..<300 where !read.contains(text) {
            Thread.sleep(forTimeInterval: 0.1)
            read = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        return read
    }

    /// `contract-test mock --port 0 OPTIONS...` started: the process, the API's URL and the
    /// server's root (where `/__mock/` lives).
    static func startMock(_ options: [String]) throws -> (process: Process, url: String, root: String) {
        let (process, line) = try start(["mock", "--port", "0", "--log-level", "error"] + options)
        guard let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }).map(String.init),
            let path = url.range(of: "/", range: url.index(url.startIndex, offsetBy: 7)..<url.endIndex)
        else {
            process.terminate()
            throw MockDidNotStart(line: line)
        }
        return (process, url, String(url[..<path.lowerBound]))
    }

    struct MockDidNotStart: Error, CustomStringConvertible {
        var line: String
        var description: String { "the mock did not say where it serves: '\(line)'" }
    }

    static func start(_ arguments: [String], stderrFile: String? = nil) throws -> (process: Process, firstLine: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        let out = Pipe()
        process.standardOutput = out
        if let stderrFile {
            FileManager.default.createFile(atPath: stderrFile, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderrFile)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        var line: [UInt8] = []
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line += byte
        }
        return (process, String(decoding: line, as: UTF8.self))
    }
}
