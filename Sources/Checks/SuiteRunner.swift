import BusinessRules
import CaseGeneration
import Execution
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

/// Runs cases against a target: steps in order, answers judged, many cases at once. Cases that
/// move the mock's clock run one after another, while no other case of several steps runs: a
/// clock move cannot disturb a case that sends one request, but it could expire a resource
/// between another case's steps. A failing exploration case is shrunk before it is reported.
public struct SuiteRunner: Sendable {
    /// How the suite runs: concurrency, the live-data guard, shrinking.
    public struct Options: Sendable {
        /// Requests in flight at once (a race case counts all of its requests).
        public var concurrency: Int
        /// Run cases that create data even against a server that uses live data.
        public var allowLiveData: Bool
        /// Shrinks failing exploration cases; `nil`: report them as they are.
        public var shrinker: Shrinker?

        /// Requests in flight at once unless told otherwise: enough that exploration does not
        /// slow the verdict against a distant sandbox, few enough not to look like a flood.
        public static let defaultConcurrency = 12

        /// Options; every one has a default.
        public init(concurrency: Int = defaultConcurrency, allowLiveData: Bool = false, shrinker: Shrinker? = nil) {
            self.concurrency = concurrency
            self.allowLiveData = allowLiveData
            self.shrinker = shrinker
        }
    }

    let document: OpenAPIDocument
    let rules: BusinessRules
    let executor: Executor
    let judge: AnswerJudge
    let options: Options
    let operations: [String: OperationEntry]
    /// Whether the run's credentials work: proven first, watched throughout.
    let credentials = CredentialWatch()

    /// A runner of `document`'s cases through `executor`, judged by `judge`.
    public init(document: OpenAPIDocument, rules: BusinessRules, executor: Executor, judge: AnswerJudge, options: Options) {
        self.document = document
        self.rules = rules
        self.executor = executor
        self.judge = judge
        self.options = options
        operations = Dictionary(document.operations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every case's result, in the cases' order; `progress` hears of each one finished. The run's
    /// credentials are proven first: when every one of its first authenticated valid requests is
    /// refused (401, 403), no other case is sent and every case says why. Operations that may
    /// change the run's credentials or the server's settings run after every other case.
    public func run(_ cases: [TestCase], progress: @escaping @Sendable (CaseResult) -> Void = { _ in }) async -> [CaseResult] {
        var results = [CaseResult?](repeating: nil, count: cases.count)
        let proofs = await proveCredentials(cases)
        for (index, result) in proofs {
            results[index] = result
            progress(result)
        }
        if let reason = credentials.goneReason {
            for index in cases.indices where results[index] == nil {
                let result = CaseResult(testCase: cases[index], outcome: .skipped(reason), exchanges: [], culpritStep: nil, duration: 0)
                results[index] = result
                progress(result)
            }
            return results.compactMap { $0 }
        }
        let last = cases.indices.filter { runsLast(cases[$0]) }.enumerated()
            .sorted { (lastRank(cases[$0.element]), $0.offset) < (lastRank(cases[$1.element]), $1.offset) }.map(\.element)
        var plan = SchedulePlan(cases, done: Set(proofs.map(\.0)), last: last)
        await withTaskGroup(of: (SchedulePlan.Work, [(Int, CaseResult)]).self) { group in
            func start(_ work: SchedulePlan.Work) {
                group.addTask {
                    var done: [(Int, CaseResult)] = []
                    for index in work.indices {
                        let result = await runCase(cases[index], operations[cases[index].operationId])
                        progress(result)
                        done.append((index, result))
                    }
                    return (work, done)
                }
            }
            let capacity = max(options.concurrency, 1)
            while let work = plan.next(capacity: capacity) { start(work) }
            while let (work, finished) = await group.next() {
                for (index, result) in finished { results[index] = result }
                plan.finished(work)
                while let next = plan.next(capacity: capacity) { start(next) }
            }
        }
        let done = results.compactMap { $0 }
        // Rules over the whole run are judged once every other case has answered.
        return done.map { result in
            guard let rule = result.testCase.overTheRun, result.testCase.skipReason == nil else { return result }
            return judgeOverTheRun(rule, result.testCase, done)
        }
    }

    /// The first authenticated valid requests (one per operation, three at most), sent alone
    /// before anything else: the first answered with anything but 401 or 403 proves the
    /// credentials; when every one is refused, they are refused, and the proofs' results say so
    /// (with their exchanges) instead of failing.
    private func proveCredentials(_ cases: [TestCase]) async -> [(Int, CaseResult)] {
        var seen: Set<String> = []
        let candidates = cases.indices.filter { index in
            CredentialWatch.canProve(cases[index]) && seen.insert(cases[index].operationId).inserted
        }
        var proofs: [(Int, CaseResult)] = []
        var refused: [Int] = []
        for index in candidates.prefix(3) {
            let result = await runCase(cases[index], operations[cases[index].operationId])
            proofs.append((index, result))
            guard !result.isSkipped, let exchange = result.exchanges.first, let status = exchange.response?.status else {
                if result.isSkipped { continue }
                break
            }
            guard CredentialWatch.refusesCredentials(status) else {
                credentials.proven(by: cases[index].requests[0], operationId: cases[index].operationId)
                return proofs
            }
            refused.append(proofs.count - 1)
        }
        guard let first = refused.first, case .unproven = credentials.current, let exchange = proofs[first].1.exchanges.first else { return proofs }
        let reason = SkipReason.credentialsRefused(
            request: "\(exchange.request.method) \(exchange.request.url)", status: exchange.response?.status ?? 0,
            challenge: exchange.response?.header("WWW-Authenticate"),
            schemes: proofs[first].1.testCase.requests[0].credentials.parts.filter { $0.value == .secret }.map(\.scheme))
        credentials.refused(reason)
        for position in refused { proofs[position].1.outcome = .skipped(reason) }
        return proofs
    }

    /// Whether a case's operation may change the run's credentials or the server's settings
    /// (by its words, or the configuration's `run-last`): it runs once every other case has.
    private func runsLast(_ testCase: TestCase) -> Bool {
        guard let operation = operations[testCase.operationId] else { return false }
        return judge.overrides[testCase.operationId]?.runLast ?? CredentialWatch.mayChangeCredentials(operation)
    }

    /// Where a case that runs last goes among the others that do (see `CredentialWatch.lastRank`).
    private func lastRank(_ testCase: TestCase) -> Int {
        operations[testCase.operationId].map(CredentialWatch.lastRank) ?? 0
    }

    /// A finished authenticated case, held to what the credentials are now: a 401 or 403 asks
    /// whether they still work (the proof sent again); when not, the case is not judged, nor is
    /// any authenticated case after it.
    private func watched(_ result: CaseResult) async -> CaseResult {
        guard CredentialWatch.isAuthenticated(result.testCase) else { return result }
        let refusedNow = result.exchanges.contains { CredentialWatch.refusesCredentials($0.response?.status) }
        var result = result
        if refusedNow, let reason = credentials.goneReason {
            result.outcome = .skipped(reason)
            return result
        }
        if refusedNow, case .working(let proof, let operationId) = credentials.current {
            let again = await executor.send(proof, operationId: operationId)
            if CredentialWatch.refusesCredentials(again.response?.status) {
                result.outcome = .skipped(credentials.lost())
                return result
            }
        }
        if !result.isSkipped { credentials.noteChange(result) }
        return result
    }

    /// Every 2xx answer the run got for the case's operation (to its method), judged together by
    /// the rule.
    private func judgeOverTheRun(_ rule: RunRule, _ testCase: TestCase, _ results: [CaseResult]) -> CaseResult {
        var result = CaseResult(testCase: testCase, outcome: .passed, exchanges: [], culpritStep: nil, duration: 0)
        guard let operation = operations[testCase.operationId], let operationRules = rules.rules(for: operation.operation.operationId) else {
            return result
        }
        let answers = results.filter { $0.testCase.operationId == testCase.operationId && $0.testCase.overTheRun == nil }
            .flatMap(\.exchanges)
            .filter { $0.request.method == operation.method }
            .compactMap { exchange -> (Exchange, JSONValue)? in exchange.successBody.map { (exchange, $0) } }
        guard answers.count > 1 else {
            result.outcome = .skipped(.tooFewCreates)
            return result
        }
        switch rule {
        case .unique:
            guard judge.checks(for: testCase.operationId).contains(.ruleUnique), let violation = operationRules.checkUnique(answers.map(\.1)).first
            else { return result }
            result.outcome = .failed([AnswerJudge.failure(violation)])
            // The answer that repeated a value: the second holder of it.
            let repeated = answers.filter { $0.1.value(at: violation.pointer) == violation.value }
            result.exchanges = repeated.map { $0.0 }
            result.culpritStep = repeated.count > 1 ? 1 : nil
        }
        return result
    }

    func runCase(_ testCase: TestCase, _ operation: OperationEntry?) async -> CaseResult {
        var result = CaseResult(testCase: testCase, outcome: .passed, exchanges: [], culpritStep: nil, duration: 0)
        // Judged after the run, over every answer: nothing to send now.
        if testCase.overTheRun != nil, testCase.skipReason == nil { return result }
        guard let operation else {
            result.outcome = .error(.unknownOperation(testCase.operationId))
            return result
        }
        if let reason = testCase.skipReason {
            result.outcome = .skipped(reason)
            return result
        }
        if testCase.needsMockClock, executor.target.mockControlURL == nil {
            result.outcome = .skipped(.needsMockClock)
            return result
        }
        if let reason = testCase.requests.lazy.compactMap(\.credentials.unsatisfiable).first {
            result.outcome = .skipped(.noCredentials(reason))
            return result
        }
        if testCase.requests.contains(where: \.credentials.needsClientCertificate), !executor.hasClientCertificate,
            executor.target.mockControlURL == nil
        {
            result.outcome = .skipped(.needsClientCertificate)
            return result
        }
        if executor.target.usesLiveData, testCase.mayCreateData, !options.allowLiveData {
            result.outcome = .skipped(Self.liveDataRefusal(executor.target))
            return result
        }
        if let reason = credentials.goneReason, CredentialWatch.isAuthenticated(testCase) {
            result.outcome = .skipped(reason)
            return result
        }
        result = await watched(await play(testCase, operation))
        if result.isFailure, testCase.kind == .explore, let shrinker = options.shrinker {
            result = await shrink(result, operation: operation, shrinker: shrinker)
        }
        return result
    }

    /// Why a case that creates data is not sent to `target` without `--allow-live-data`.
    static func liveDataRefusal(_ target: Target) -> SkipReason {
        .liveData(target: target.name, baseURL: target.baseURL, declared: target.dataPolicy != .undeclared)
    }

    /// Whether a valid request without credentials got a documented 401 from an operation that
    /// declares no security: every reading of such a document allows the server to ask for
    /// credentials it does not describe, and none allows the gate to know what to send.
    static func asksForUndeclaredCredentials(
        _ status: Int, _ expectation: Expectation, _ operation: OperationEntry,
        _ request: RequestSpec
    ) -> Bool {
        guard status == 401, expectation.expectsSuccess else { return false }
        return operation.security.isEmpty && request.credentials.parts.isEmpty && operation.operation.responses.byStatus["401"] != nil
    }

    /// What a request without an answer makes of its case: an error reaching the server, except
    /// a request the server dropped on a connection of its own, which is the server's failure
    /// (a server that cannot answer has failed, as a 5xx says).
    static func outcome(of problem: TransportError, operation: OperationEntry) -> CaseResult.Outcome {
        guard problem.kind == .dropped else { return .error(.transport(problem)) }
        return .failed([
            CheckFailure(
                check: .serverError, message: problem.description, specLocation: SpecLocation(operation.operation.location),
                expectation: "an answer, not a dropped connection")
        ])
    }

    /// Sends the case's steps in order and judges every answer.
    private func play(_ testCase: TestCase, _ operation: OperationEntry) async -> CaseResult {
        var result = CaseResult(testCase: testCase, outcome: .passed, exchanges: [], culpritStep: nil, duration: 0)
        var successBodies: [JSONValue] = []
        let operationRules = rules.rules(for: operation.operation.operationId)
        /// The id the sequence's create gave its resource.
        var created: JSONValue?
        /// Sends one request and judges it; the exchange, or `nil` when the case ended there.
        func exchange(_ request: RequestSpec, _ expectation: Expectation, checkRules: Bool) async -> Exchange? {
            let stepOperation = request.operationId.flatMap { operations[$0] } ?? operation
            let exchange = await executor.send(request, operationId: stepOperation.id)
            result.exchanges.append(exchange)
            result.duration += exchange.duration
            if let problem = exchange.transportError {
                result.outcome = Self.outcome(of: problem, operation: stepOperation)
                result.culpritStep = result.exchanges.count - 1
                return nil
            }
            if let status = exchange.response?.status, Self.asksForUndeclaredCredentials(status, expectation, stepOperation, request) {
                result.outcome = .skipped(.undeclaredCredentialsAsked)
                result.culpritStep = result.exchanges.count - 1
                return nil
            }
            let failures = judge.judge(
                exchange, expectation: expectation, operation: stepOperation, request: request,
                checkRules: checkRules, statusOnly: testCase.kind == .method)
            if !failures.isEmpty {
                result.outcome = .failed(failures)
                result.culpritStep = result.exchanges.count - 1
                return nil
            }
            return exchange
        }
        for step in testCase.steps {
            switch step {
            case .create(let request, let expectation, let members):
                guard let answer = await exchange(request, expectation, checkRules: false) else { return result }
                // A documented refusal (404: a parent the case made up) creates nothing: the
                // steps after it would be judged about a resource that does not exist.
                if let status = answer.response?.status, !(200..<300).contains(status) {
                    result.outcome = .skipped(.createRefused(status: status))
                    return result
                }
                created = Self.createdId(members, answer: answer.successBody, request: request.json)
                guard created != nil else {
                    // The contract need not name the new resource in the answer: the steps after
                    // the create cannot run, which is the gate's limit, not the server's fault.
                    result.outcome = .skipped(.createNamesNoResource(status: answer.response?.status, members: members))
                    return result
                }
            case .onCreated(var request, let expectation, let path, let parameter, let idMember):
                guard let id = created else { continue }
                let text = id.stringValue ?? id.jsonText
                request.path = path.replacingAll("{\(parameter)}", with: PercentEncoding.encode(text))
                if let idMember, let body = request.json {
                    request.body = body.setting(id, at: JSONPointer(tokens: [idMember])).jsonBytes
                }
                guard await exchange(request, expectation, checkRules: false) != nil else { return result }
            case .advanceClock(let days):
                do {
                    try await executor.advanceMockClock(days: days)
                } catch {
                    result.outcome = .error(.clockNotMoved(problem: "\(error)"))
                    return result
                }
            case .request(let request, let expectation, let checkRules):
                guard let answer = await exchange(request, expectation, checkRules: checkRules) else { return result }
                if checkRules, let body = answer.successBody { successBodies.append(body) }
            case .race(let requests, let conflictStatus):
                let exchanges = await withTaskGroup(of: (Int, Exchange).self) { group in
                    for (index, request) in requests.enumerated() {
                        group.addTask { (index, await executor.send(request, operationId: operation.id, race: true)) }
                    }
                    var answered = [Exchange?](repeating: nil, count: requests.count)
                    for await (index, exchange) in group { answered[index] = exchange }
                    return answered.compactMap { $0 }
                }
                let first = result.exchanges.count
                result.exchanges += exchanges
                result.duration += exchanges.map(\.duration).max() ?? 0
                if let broken = exchanges.firstIndex(where: { $0.transportError != nil }), let problem = exchanges[broken].transportError {
                    result.outcome = Self.outcome(of: problem, operation: operation)
                    result.culpritStep = first + broken
                    return result
                }
                for (index, (exchange, request)) in zip(exchanges, requests).enumerated() {
                    let failures = judge.judge(
                        exchange, expectation: .successOrConflict(conflictStatus), operation: operation,
                        request: request, checkRules: true)
                    if !failures.isEmpty {
                        result.outcome = .failed(failures)
                        result.culpritStep = first + index
                        return result
                    }
                }
                if let violation = operationRules?.checkOneActive(statuses: exchanges.compactMap { $0.response?.status }),
                    judge.checks(for: operation.id).contains(.ruleOneActive)
                {
                    result.outcome = .failed([AnswerJudge.failure(violation)])
                    // The second success, where there were two; else the last answer.
                    let successes = exchanges.indices.filter { exchanges[$0].response.map { (200..<300).contains($0.status) } ?? false }
                    result.culpritStep = first + (successes.dropFirst().first ?? exchanges.count - 1)
                    return result
                }
            }
        }
        if testCase.kind == .rules, judge.checks(for: operation.id).contains(.ruleUnique),
            let violation = operationRules?.checkUnique(successBodies).first
        {
            result.outcome = .failed([AnswerJudge.failure(violation)])
            result.culpritStep = result.exchanges.count - 1
        }
        return result
    }

    /// Tries the shrinker's smaller variants one after another, keeping each that fails for the
    /// same cause (the same check at the same place with the same expectation, on an answer of
    /// the same status class), until none does or the budget is spent. A variant that fails
    /// otherwise (400 for a member it left out, where the original got 403) found another
    /// defect, not a smaller example of this one: the report keeps the request that showed it.
    private func shrink(_ failing: CaseResult, operation: OperationEntry, shrinker: Shrinker) async -> CaseResult {
        guard let first = failing.failures.first, let original = failing.culprit?.request else { return failing }
        let statusClass = failing.culprit?.response.map { $0.status / 100 }
        func sameCause(_ tried: CaseResult) -> Bool {
            tried.culprit?.response.map { $0.status / 100 } == statusClass
                && tried.failures.contains { $0.check == first.check && $0.pointer == first.pointer && $0.expectation == first.expectation }
        }
        var best = failing
        var current = failing.testCase
        var steps = 0
        var attempts = 0
        search: while attempts < shrinker.attemptsPerCase {
            for candidate in shrinker.candidates(for: current) {
                guard attempts < shrinker.attemptsPerCase, shrinker.takeAttempt() else { break search }
                attempts += 1
                let tried = await play(candidate, operation)
                if sameCause(tried) {
                    best.outcome = tried.outcome
                    best.culpritStep = tried.culpritStep.map { best.exchanges.count + $0 }
                    best.exchanges += tried.exchanges
                    best.duration += tried.duration
                    current = candidate
                    steps += 1
                    continue search
                }
                best.exchanges += tried.exchanges
                best.duration += tried.duration
            }
            break
        }
        if steps > 0 { best.shrinking = CaseResult.Shrinking(original: original, steps: steps, attempts: attempts) }
        return best
    }

    /// The new resource's id: the first of `members` that the answer has as a text or number,
    /// at its top or inside the one object it wraps (`{"action": {"id": 7}}`), else that the
    /// request sent.
    static func createdId(_ members: [String], answer: JSONValue?, request: JSONValue?) -> JSONValue? {
        func scalar(_ value: JSONValue?) -> JSONValue? {
            switch value {
            case .string?, .number?: value
            default: nil
            }
        }
        var places = [answer]
        if case .object(let object)? = answer {
            places += object.compactMap { if case .object = $0.value { $0.value } else { nil } }
        }
        places.append(request)
        for place in places {
            if let id = members.lazy.compactMap({ scalar(place?[$0]) }).first { return id }
        }
        return nil
    }
}
