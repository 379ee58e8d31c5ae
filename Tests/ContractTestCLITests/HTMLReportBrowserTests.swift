import Foundation
import Testing

/// The HTML report of a failing run, opened in a real browser.
@Suite("The HTML report in headless Chromium")
struct HTMLReportBrowserTests {
    @Test(
        "a failing run's page renders, shows the failing member and its reproduction, and filters by outcome",
        .enabled(if: Browser.missing == nil || Browser.required, "headless Chromium or pdftotext is not installed"))
    func failingRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let token = "tok-\(UUID().uuidString)"
        let run = try CommandRunner.run(
            [
                "run", "--mock-fault", "non-integer-accepted", "--seed", "4",
                "--junit", path("junit.xml"), "--json", path("run.json"), "--html", path("report.html"),
            ],
            environment: ["PARTNER_API_TOKEN": token])
        #expect(run.status == 1)
        let html = try String(contentsOfFile: path("report.html"), encoding: .utf8)
        #expect(!html.contains(token), "the token never reaches the page")

        let stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("run.json")))) as? [String: Any])
        let results = try #require(stored["results"] as? [[String: Any]])
        func ids(_ outcome: String) -> [String] {
            results.filter { $0["outcome"] as? String == outcome }.compactMap { ($0["testCase"] as? [String: Any])?["id"] as? String }
        }
        let failing = ids("failed")
        let passing = ids("passed")
        try #require(!failing.isEmpty && !passing.isEmpty)

        let browser = try Browser(profile: folder.appendingPathComponent("profile"))
        let page = URL(fileURLWithPath: path("report.html")).absoluteString

        try browser.screenshot(page, to: path("report.png"))
        let pixels = try PNGCheck.look(at: path("report.png"), colour: (207, 34, 46))
        #expect(pixels.drawn > 0.05, "more than the background is drawn: \(pixels.drawn)")
        #expect(pixels.colours > 20, "text and colours, not a flat page: \(pixels.colours)")
        #expect(pixels.matching > 10_000, "the FAILED banner is red: \(pixels.matching) pixels")

        let text = try browser.visibleText(page, pdf: path("report.pdf"))
        let total = results.count
        #expect(text.contains("FAILED \(passing.count) passed, \(failing.count) failed, 0 errors, 0 skipped"))
        #expect(text.contains("when sending /expirationDays"), "the failing member is in the page's text")
        #expect(text.contains("curl -sS -i -X POST"))
        #expect(text.contains("Authorization: Bearer [REDACTED]"))
        #expect(text.contains("showing \(total) of \(total) cases"))
        for id in failing + passing.prefix(3) { #expect(text.contains(id), "case \(id) listed") }

        let filtered = try browser.visibleText(page + "#outcome=failed", pdf: path("failed.pdf"))
        #expect(filtered.contains("showing \(failing.count) of \(total) cases"))
        for id in failing { #expect(filtered.contains(id), "failing case \(id) still shown") }
        for id in passing { #expect(!filtered.contains(id), "passing case \(id) filtered out") }
    }
}
