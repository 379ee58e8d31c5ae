import ArgumentParser
import CaseGeneration
import ContractRun
import Foundation
import OpenAPIModel

/// `contract-test cases`: the cases a run would send, without sending anything.
struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the conformance cases without sending anything.")

    @OptionGroup var configuration: ConfigurationOptions

    @OptionGroup var selection: CaseSelection

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    @Option(help: "The run tag in the addresses (default: one from the clock, as a run would use).")
    var runTag: String?

    func run() throws {
        var settings = RunSettings()
        configuration.fill(&settings)
        selection.fill(&settings)
        let environment = ProcessInfo.processInfo.environment
        let request = try EffectiveRun.resolve(settings, environment: environment).request(environment: environment)
        let contract = try request.contract.load()
        if let text = contract.toleratedText { Console.error(text) }
        let cases = try request.cases.select(from: contract, runTag: runTag ?? CaseChoice.newRunTag(), environment: environment).cases
        switch format {
        case .text:
            for testCase in cases {
                print("\(testCase.operationId)  \(testCase.kind.rawValue): \(testCase.name)  (id \(testCase.id))")
                for step in testCase.steps {
                    switch step {
                    case .request(let request, let expect, _):
                        print("    \(Self.line(request))  → expect \(expect)")
                    case .advanceClock(let days):
                        print("    move the mock's clock \(days) days forward")
                    case .race(let requests, let conflict):
                        print("    at once:")
                        for request in requests { print("      \(Self.line(request))") }
                        print("    → expect exactly one 2xx, the others \(conflict)")
                    case .create(let request, let expect, let members):
                        print("    \(Self.line(request))  → expect \(expect); keep its \(members.first ?? "id")")
                    case .onCreated(let request, let expect, let path, let parameter, _):
                        print("    \(request.method) \(path.replacingAll("{\(parameter)}", with: "<its \(parameter)>"))  → expect \(expect)")
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

extension Cases {
    /// A request on one line: method, target and the start of the body.
    static func line(_ request: RequestSpec) -> String {
        let body = request.body.map { " " + String(decoding: $0.prefix(120), as: UTF8.self) } ?? ""
        return "\(request.method) \(request.target)\(body)"
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
        /// Requests sent at once (a race).
        var atOnce: [StepView]?
    }

    var id: String
    var operationId: String
    var kind: String
    var name: String
    var specLocation: String?
    var focus: CaseFocus?
    var steps: [StepView]

    init(_ testCase: TestCase) {
        id = testCase.id
        operationId = testCase.operationId
        kind = testCase.kind.rawValue
        name = testCase.name
        specLocation = testCase.specLocation?.description
        focus = testCase.focus
        steps = testCase.steps.map { step in
            switch step {
            case .request(let request, let expect, let checkRules):
                return Self.view(request, expect: expect.description, checkRules: checkRules)
            case .advanceClock(let days):
                return StepView(advanceClockDays: days)
            case .race(let requests, let conflict):
                return StepView(
                    expect: "exactly one 2xx, the others \(conflict)", atOnce: requests.map { Self.view($0, expect: nil, checkRules: true) })
            case .create(let request, let expect, _):
                return Self.view(request, expect: expect.description, checkRules: false)
            case .onCreated(let request, let expect, let path, _, _):
                var view = Self.view(request, expect: expect.description, checkRules: false)
                view.target = path
                return view
            }
        }
    }

    static func view(_ request: RequestSpec, expect: String?, checkRules: Bool) -> StepView {
        return StepView(
            method: request.method, target: request.target,
            headers: Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }),
            credentials: request.credentials.description, body: request.body.map { String(decoding: $0, as: UTF8.self) },
            expect: expect, checkRules: checkRules)
    }
}
