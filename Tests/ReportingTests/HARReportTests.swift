import CaseGeneration
import Checks
import Execution
import Testing

@testable import Reporting

@Suite("HAR entries: URLs, query strings and bodies as the format wants them")
struct HARReportTests {
    @Test("a redacted query value stays a URI: brackets percent-encoded after the authority, an IPv6 host kept")
    func uriSafe() {
        #expect(HARReport.uriSafe("http://127.0.0.1:8080/pets?api_key=[REDACTED]&a=1") == "http://127.0.0.1:8080/pets?api_key=%5BREDACTED%5D&a=1")
        #expect(HARReport.uriSafe("http://[::1]:8080/x/[y]") == "http://[::1]:8080/x/%5By%5D")
        #expect(HARReport.uriSafe("http://[::1]:8080") == "http://[::1]:8080")
    }

    @Test("query items are percent-decoded, empty values and repeated names kept in order")
    func queryItems() {
        #expect(
            HARReport.queryItems(of: "http://h/p?a=1&b=&a=x%20y&flag#frag") == [
                .init(name: "a", value: "1"), .init(name: "b", value: ""), .init(name: "a", value: "x y"), .init(name: "flag", value: ""),
            ])
        #expect(HARReport.queryItems(of: "http://h/p") == [])
        #expect(HARReport.queryItems(of: "http://h/p?") == [])
    }

    @Test("bytes that are not UTF-8 are written in base64 and say so")
    func binaryBodies() {
        #expect(HARReport.textOrBase64(Array("héllo".utf8)) == ("héllo", nil))
        #expect(HARReport.textOrBase64([0xFF, 0x00, 0x41]) == ("/wBB", "base64"))
    }

    @Test("the failures go on the exchange the verdict is about; every exchange carries the case")
    func caseMarks() {
        let summary = ReportingTests.summary(
            body: "{}",
            outcome: .failed([
                CheckFailure(check: .status, message: "expected 400, found 200", specLocation: nil, expectation: "expected 400, found 200")
            ]))
        let entries = HARReport(summary: summary, toolVersion: "9.9.9").log.log.entries
        #expect(entries.map(\.contractTest?.verdict) == ["failed"])
        #expect(entries.first?.contractTest?.failures == ["status: expected 400, found 200"])
        #expect(entries.first?.request.headers.first { $0.name == "Authorization" }?.value == "Bearer [REDACTED]")
        #expect(entries.first?.startedDateTime == "2026-11-25T16:00:00Z")
        #expect(entries.first?.response.statusText == "OK")
    }
}
