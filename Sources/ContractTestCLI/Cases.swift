import ArgumentParser
import CaseGeneration
import Foundation

/// `contract-test cases`: the cases a run would send, without sending anything.
struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the conformance cases without sending anything.")

    @OptionGroup var selection: CaseSelection

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    @Option(help: "The run tag in the addresses (default: one from the clock, as a run would use).")
    var runTag: String?

    func run() throws {
        let (_, _, cases) = try selection.load(runTag: runTag ?? CaseSelection.newRunTag())
        switch format {
        case .text:
            for testCase in cases {
                print("\(testCase.operationId)  \(testCase.kind.rawValue): \(testCase.name)")
                for step in testCase.steps {
                    switch step {
                    case .request(let request, let expect, _):
                        let body = request.body.map { " " + String(decoding: $0.prefix(120), as: UTF8.self) } ?? ""
                        print("    \(request.method) \(request.target)\(body)  → expect \(expect)")
                    case .advanceClock(let days):
                        print("    move the mock's clock \(days) days forward")
                    }
                }
            }
            print("\(cases.count) cases")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(cases.map(CaseView.init)), as: UTF8.self))
        }
    }
}

/// A case as JSON for tools: bodies as text.
struct CaseView: Encodable {
    struct StepView: Encodable {
        var method: String?
        var target: String?
        var headers: [String: String]?
        var credentials: String?
        var body: String?
        var expect: String?
        var checkRules: Bool?
        var advanceClockDays: Int?
    }

    var operationId: String
    var kind: String
    var name: String
    var specLocation: String?
    var steps: [StepView]

    init(_ testCase: TestCase) {
        operationId = testCase.operationId
        kind = testCase.kind.rawValue
        name = testCase.name
        specLocation = testCase.specLocation
        steps = testCase.steps.map { step in
            switch step {
            case .request(let request, let expect, let checkRules):
                let credentials: String = switch request.credentials {
                case .valid: "valid token"
                case .none: "none"
                case .header(let value): value
                }
                return StepView(
                    method: request.method, target: request.target,
                    headers: Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }),
                    credentials: credentials, body: request.body.map { String(decoding: $0, as: UTF8.self) },
                    expect: expect.description, checkRules: checkRules)
            case .advanceClock(let days):
                return StepView(advanceClockDays: days)
            }
        }
    }
}
