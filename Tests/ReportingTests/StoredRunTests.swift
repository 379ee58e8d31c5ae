import CaseGeneration
import Checks
import Execution
import Foundation
import OpenAPIModel
import Reporting
import Testing
import YAMLSource

/// The stored run is the values' own Codable form: what a run found reads back as the same
/// values, so `merge` and `verify` judge and report from facts, not from text.
@Suite("The stored run (run.json)")
struct StoredRunTests {
    static func readBack(_ summary: RunSummary) throws -> [CaseResult] {
        let stored = try StoredRun.decode(StoredRun(summary).data)
        return try StoredRun.merge([("run.json", stored)]).results
    }

    static func summary(_ outcomes: [CaseResult.Outcome], responseBody: [UInt8] = Array("{}".utf8)) -> RunSummary {
        var summary = ReportingTests.summary(body: "{}", outcome: .passed)
        let template = summary.results[0]
        summary.results = outcomes.enumerated().map { index, outcome in
            var result = template
            result.testCase = TestCase(operationId: "createPartnerInvitation", kind: .positive, name: "case \(index)", steps: [])
            result.outcome = outcome
            result.exchanges[0].response?.body = responseBody
            return result
        }
        summary.plannedCases = outcomes.count
        summary.positions = Array(outcomes.indices)
        return summary
    }

    @Test("failures keep their member, spec location and expectation; errors and skips keep which they are")
    func outcomesReadBack() throws {
        let schema = CheckFailure(
            check: .schema, message: "format: expected an RFC 3339 date-time, found \"x\"", pointer: ["items", "0", "insertTimestamp"],
            specLocation: SpecLocation(
                kind: .keyword, file: "specs/partneraccount.yaml", mark: Mark(file: "specs/partneraccount.yaml", line: 191, column: 11),
                pointer: ["components", "schemas", "Invitation", "properties", "insertTimestamp", "format"]),
            expectation: "format")
        let status = CheckFailure(
            check: .status, message: "expected 409, found 200",
            specLocation: SpecLocation(
                Location(mark: Mark(file: "specs/partneraccount.yaml", line: 255, column: 7), pointer: ["components", "responses", "Conflict"])),
            expectation: "expected 409")
        let rule = CheckFailure(
            check: .ruleEcho, message: "expected the request's /partnerEmailId", pointer: ["email"],
            specLocation: .rule(Mark(file: "specs/partneraccount.rules.yaml", line: 17, column: 9)), expectation: "echo")
        let outcomes: [CaseResult.Outcome] = [
            .passed,
            .failed([schema, status, rule]),
            .error(.transport(TransportError(kind: .timeout, description: "no answer within 30 s"))),
            .error(.clockNotMoved(problem: "the mock refused to move its clock")),
            .skipped(.liveData(target: "sandbox", baseURL: "https://sandbox.example.com", declared: false)),
            .skipped(.documentError(at: Mark(file: "specs/x.yaml", line: 3, column: 5), message: "expected a string")),
            .skipped(.createNamesNoResource(status: 201, members: ["id", "invitationId"])),
        ]
        let read = try Self.readBack(Self.summary(outcomes))
        #expect(read.map(\.outcome) == outcomes)
        #expect(
            read[1].failures.map(\.description) == [
                #"schema: #/items/0/insertTimestamp: format: expected an RFC 3339 date-time, found "x" (spec: #/components/schemas/Invitation/properties/insertTimestamp/format at specs/partneraccount.yaml:191:11)"#,
                "status: expected 409, found 200 (spec: specs/partneraccount.yaml:255:7 (#/components/responses/Conflict))",
                "rule-echo: #/email: expected the request's /partnerEmailId (spec: specs/partneraccount.rules.yaml:17:9)",
            ])
        #expect(
            read[4].outcome.reason
                == "would create data on sandbox (https://sandbox.example.com), which nothing declares a test server, so it is treated as live: declare it with 'live-data: false' on its environment in contract-test.yaml or 'x-live-data: false' on its server in the document, or pass --allow-live-data to run it"
        )
    }

    @Test("a body that is not UTF-8 reads back byte for byte; a long text body is cut where a character starts")
    func bodies() throws {
        let binary: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFE, 0x80, 0x00]
        #expect(try Self.readBack(Self.summary([.passed], responseBody: binary))[0].exchanges[0].response?.body == binary)
        // 'é' is two bytes: the 64 KiB limit falls between them.
        let text = Array((String(repeating: "a", count: 64 * 1024 - 1) + "é" + "tail").utf8)
        let cut = try #require(try Self.readBack(Self.summary([.passed], responseBody: text))[0].exchanges[0].response?.body)
        #expect(cut.count == 64 * 1024 - 1)
        #expect(text.starts(with: cut))
        #expect(String(data: Data(cut), encoding: .utf8) != nil)
    }

    @Test("a run.json of the earlier format is refused by its number")
    func earlierFormat() throws {
        let data = Data(#"{"format": 2, "results": []}"#.utf8)
        #expect(throws: StoredRun.FormatMismatch.self) { try StoredRun.decode(data) }
    }
}

extension CaseResult.Outcome {
    fileprivate var reason: String? {
        switch self {
        case .passed, .failed: nil
        case .error(let problem): problem.description
        case .skipped(let reason): reason.description
        }
    }
}
