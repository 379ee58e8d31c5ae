import Foundation

/// Debian's headless Chromium, to look at the HTML report as a person would: a screenshot, the
/// page printed to PDF, and the text of that PDF (poppler's `pdftotext`), which holds only what
/// the page shows.
struct Browser {
    let chromium: String
    let pdftotext: String
    let profile: URL

    /// Why the browser test cannot run here, or `nil` when it can.
    static var missing: String? {
        let lacking = [("chromium", "chromium"), ("pdftotext", "poppler-utils"), ("python3", "python3")].filter { find($0.0) == nil }.map(\.1)
        return lacking.isEmpty ? nil : "not installed: " + lacking.joined(separator: ", ") + " (Debian packages; .ci/run installs them)"
    }

    /// `CONTRACT_TEST_REQUIRE_BROWSER=1` (set by `.ci/run`) turns a missing browser from a
    /// skipped test into a failed one, so CI cannot pass without looking at the page.
    static var required: Bool { ProcessInfo.processInfo.environment["CONTRACT_TEST_REQUIRE_BROWSER"] == "1" }

    init(profile: URL) throws {
        guard let chromium = Self.find("chromium"), let pdftotext = Self.find("pdftotext") else {
            throw Failure(reason: Self.missing ?? "no browser")
        }
        self.chromium = chromium
        self.pdftotext = pdftotext
        self.profile = profile
    }

    static func find(_ program: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        return folders.map { $0 + "/" + program }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A PNG of the page as a 900×700 window shows it.
    func screenshot(_ page: String, to png: String) throws {
        try Self.run(chromium, headless + ["--window-size=900,700", "--hide-scrollbars", "--screenshot=\(png)", page])
    }

    /// The text the page shows, after its script ran, as printed.
    func visibleText(_ page: String, pdf: String) throws -> String {
        try Self.run(chromium, headless + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", page])
        return try Self.run(pdftotext, ["-layout", pdf, "-"])
    }

    private var headless: [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=\(profile.path)"]
    }

    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Runs a program, its output returned; killed after a minute so a stuck browser fails the
    /// test instead of hanging it.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0 else {
            throw Failure(reason: "\(program) \(arguments.joined(separator: " ")) ended with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
