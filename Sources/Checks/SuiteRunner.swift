import BusinessRules
import CaseGeneration
import Execution
import OpenAPIModel
import SchemaValidation
import YAMLSource

/// Runs cases against a target: steps in order, answers judged, many cases at once. Cases that
/// move the mock's clock run one at a time, after the other multi-step cases, beside the
/// single-step ones only: a clock move cannot disturb a case that sends one request, but it
/// could expire the invitation between another case's steps.
public struct SuiteRunner: Sendable {
    public struct Options: Sendable {
        public var concurrency: Int
        /// Run cases that create data even against a server that uses live data.
        public var allowLiveData: Bool

        public init(concurrency: Int = 8, allowLiveData: Bool = false) {
            self.concurrency = concurrency
            self.allowLiveData = allowLiveData
        }
    }

    let document: OpenAPIDocument
    let rules: BusinessRules
    let executor: Executor
    let judge: AnswerJudge
    let options: Options

    public init(document: OpenAPIDocument, rules: BusinessRules, executor: Executor, judge: AnswerJudge, options: Options) {
        self.document = document
        self.rules = rules
        self.executor = executor
        self.judge = judge
        self.options = options
    }

    /// Every case's result, in the cases' order; `progress` hears of each one finished.
    public func run(_ cases: [TestCase], progress: @escaping @Sendable (CaseResult) -> Void = { _ in }) async -> [CaseResult] {
        let operations = Dictionary(document.operations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var results = [CaseResult?](repeating: nil, count: cases.count)
        let clockCases = cases.indices.filter { cases[$0].needsMockClock }
        let multiStep = cases.indices.filter { !cases[$0].needsMockClock && cases[$0].steps.count > 1 }
        let singleStep = cases.indices.filter { !cases[$0].needsMockClock && cases[$0].steps.count <= 1 }
        /// One unit of work: a case, or the chain of clock cases run one after another.
        enum Work: Sendable {
            case one(Int)
            case chain([Int])
        }
        for phase in [multiStep.map(Work.one), (clockCases.isEmpty ? [] : [Work.chain(clockCases)]) + singleStep.map(Work.one)] {
            await withTaskGroup(of: [(Int, CaseResult)].self) { group in
                var next = phase.makeIterator()
                func start(_ work: Work) {
                    group.addTask {
                        switch work {
                        case .one(let index):
                            return [(index, await runCase(cases[index], operations[cases[index].operationId]))]
                        case .chain(let indices):
                            var done: [(Int, CaseResult)] = []
                            for index in indices {
                                let result = await runCase(cases[index], operations[cases[index].operationId])
                                progress(result)
                                done.append((index, result))
                            }
                            return done
                        }
                    }
                }
                for _ in 0..<max(options.concurrency, 1) {
                    guard let work = next.next() else { break }
                    start(work)
                }
                while let finished = await group.next() {
                    for (index, result) in finished {
                        if results[index] == nil, cases[index].needsMockClock == false { progress(result) }
                        results[index] = result
                    }
                    if let work = next.next() { start(work) }
                }
            }
        }
        return results.compactMap { $0 }
    }

    func runCase(_ testCase: TestCase, _ operation: OperationEntry?) async -> CaseResult {
        var result = CaseResult(testCase: testCase, outcome: .passed, exchanges: [], culprit: nil, duration: 0)
        guard let operation else {
            result.outcome = .error("operation \(testCase.operationId) is not in the document")
            return result
        }
        if testCase.needsMockClock, executor.target.mockControlURL == nil {
            result.outcome = .skipped("needs to move the server's clock past an expiry, which only the mock can do (--target mock)")
            return result
        }
        if executor.target.usesLiveData, testCase.mayCreateData, !options.allowLiveData {
            result.outcome = .skipped("would create live data on \(executor.target.name) (\(executor.target.baseURL)); pass --allow-live-data to run it")
            return result
        }
        var successBodies: [JSONValue] = []
        for step in testCase.steps {
            switch step {
            case .advanceClock(let days):
                do {
                    try await executor.advanceMockClock(days: days)
                } catch {
                    result.outcome = .error("\(error)")
                    return result
                }
            case .request(let request, let expectation, let checkRules):
                let exchange = await executor.send(request)
                result.exchanges.append(exchange)
                result.duration += exchange.duration
                if let problem = exchange.transportError {
                    result.outcome = .error(problem.description)
                    result.culprit = exchange
                    return result
                }
                let failures = judge.judge(exchange, expectation: expectation, operation: operation, request: request,
                                           checkRules: checkRules, statusOnly: testCase.kind == .method)
                if !failures.isEmpty {
                    result.outcome = .failed(failures)
                    result.culprit = exchange
                    return result
                }
                if checkRules, let response = exchange.response, (200..<300).contains(response.status),
                   let body = try? JSONParser().parse(response.body) {
                    successBodies.append(body)
                }
            }
        }
        if let failure = uniqueness(testCase, successBodies) {
            result.outcome = .failed([failure])
            result.culprit = result.exchanges.last
        }
        return result
    }

    /// The `unique` rule: members that must differ between the resources a case created.
    private func uniqueness(_ testCase: TestCase, _ bodies: [JSONValue]) -> CheckFailure? {
        guard testCase.kind == .rules, bodies.count > 1, let response = rules.rules(for: testCase.operationId)?.response else { return nil }
        for pointer in response.unique {
            let values = bodies.compactMap { $0.value(at: pointer) }
            if Set(values).count < values.count {
                return CheckFailure(
                    check: "rule: unique", message: "expected a new value for every resource, found \(values.first?.truncatedText() ?? "") twice",
                    pointer: pointer.description, specLocation: response.mark?.description)
            }
        }
        return nil
    }
}
