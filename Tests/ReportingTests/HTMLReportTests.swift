import CaseGeneration
import Checks
import Execution
import Foundation
import OpenAPIModel
import Reporting
import Testing
import YAMLSource

@Suite("The HTML report")
struct HTMLReportTests {
    @Test("what the run sent and got is shown as text, never as markup")
    func escaping() {
        let failure = CheckFailure(
            check: .schema, message: "expected <string>", pointer: ["email"], specLocation: .rule(Mark(file: "x.yaml", line: 1, column: 1)),
            expectation: "type")
        let body = #"{"email":"</pre><script>alert(1)</script>"}"#
        let html = HTMLReport(summary: ReportingTests.summary(body: body, outcome: .failed([failure])), tokenVariable: "T").html
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("positive</b>: a &lt;body&gt; &amp; &quot;quotes&quot;"))
        #expect(html.components(separatedBy: "<script>").count == 2, "the page's own script only")
        #expect(html.contains("<li>schema: #/email: expected &lt;string&gt; (spec: x.yaml:1:1)</li>"))
    }

    @Test("one file that fetches nothing: no links, sources or imports")
    func selfContained() {
        let html = HTMLReport(summary: ReportingTests.summary(body: "{}", outcome: .passed), tokenVariable: "T").html
        for reference in ["src=", "href=", "@import", "url(", "<link"] {
            #expect(!html.contains(reference), "\(reference)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<title>PASSED: contract-test specs/partneraccount.yaml against mock</title>"))
    }

    @Test("the reproduction names the token's variable and the request shows it redacted")
    func secrets() {
        let failure = CheckFailure(check: .status, message: "expected 200, found 201", expectation: "expected 200, found 201")
        let html = HTMLReport(summary: ReportingTests.summary(body: "{}", outcome: .failed([failure])), tokenVariable: "PARTNER_API_TOKEN").html
        #expect(html.contains("Authorization: Bearer [REDACTED]"))
        #expect(html.contains("-H &quot;Authorization: Bearer $PARTNER_API_TOKEN&quot;"))
    }

    @Test("each answer counts under the most specific documented key; undocumented statuses are apart")
    func coverage() {
        let coverage = ResponseCoverage(documented: ["200", "400", "4XX", "default"], statuses: [200, 200, 404, 503, 400])
        #expect(coverage.documented.map { "\($0.key)=\($0.answers)" } == ["200=2", "400=1", "4XX=1", "default=1"])
        #expect(coverage.undocumented.isEmpty)
        let narrow = ResponseCoverage(documented: ["201", "4XX"], statuses: [201, 405, 500, 500])
        #expect(narrow.seen == ["201", "4XX"])
        #expect(narrow.never.isEmpty)
        #expect(narrow.undocumented.map { "\($0.status)=\($0.answers)" } == ["500=2"])
        let unseen = ResponseCoverage(documented: ["200", "default"], statuses: [200])
        #expect(unseen.never == ["default"])
    }

    @Test("the operations table draws documented responses seen and never seen as bars")
    func bars() {
        let html = HTMLReport(summary: ReportingTests.summary(body: "{}", outcome: .passed), tokenVariable: "T").html
        #expect(
            html.contains(
                #"<div class="bar"><span class="segment seen" style="flex-grow: 1" title="200: 1 answer">200</span><span class="segment never" style="flex-grow: 0" title="400: documented, never seen">400</span></div><div class="coverage">1 of 2 documented responses seen</div>"#
            ))
    }
}
