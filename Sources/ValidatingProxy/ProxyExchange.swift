import CaseGeneration
import Checks
import Execution

/// One exchange that passed through the proxy, judged: what the terminal line and the
/// `Contract-Test` response header say of it.
public struct ProxyExchange: Sendable {
    /// How the exchange went against the contract.
    public enum Judgement: Sendable, Equatable {
        /// The answer conforms (and the request follows the contract).
        case passed
        /// The answer breaks the contract: each failure in words.
        case failed([String])
        /// The request breaks the contract (the client's problem); the answer conformed.
        case clientProblem(String)
        /// The method and path are not in the document.
        case undocumented
        /// Not addressed to the document's servers, or no answer came.
        case notJudged(String)
    }

    /// Its place in the proxy's order, from 1.
    public var number: Int
    /// The exchange as recorded: secrets redacted.
    public var recorded: RecordedExchange
    /// What the contract says of the exchange.
    public var judgement: Judgement
    /// The client's problem beside a failed answer, when there is one.
    public var clientProblem: String?

    /// The exchange as the verifier judged it.
    init(number: Int, recorded: RecordedExchange, judged: JudgedExchange) {
        self.number = number
        self.recorded = recorded
        switch judged {
        case .elsewhere:
            judgement = .notJudged("not below the document's servers")
        case .undocumented:
            judgement = .undocumented
        case .judged(let result, let problem):
            clientProblem = problem?.problem
            switch result.outcome {
            case .failed(let failures): judgement = .failed(failures.map(\.description))
            case .skipped(let reason): judgement = .notJudged(reason.description)
            case .error(let problem): judgement = .notJudged(problem.description)
            case .passed: judgement = problem.map { .clientProblem($0.problem) } ?? .passed
            }
        }
    }

    /// The `Contract-Test` response header's value: ASCII, one line, at most 2,000 characters.
    public var headerValue: String {
        var text: String
        switch judgement {
        case .passed: text = "passed"
        case .failed(let failures): text = "failed; " + failures.joined(separator: " | ")
        case .clientProblem(let problem): text = "client request breaks the contract; " + problem
        case .undocumented: text = "undocumented endpoint"
        case .notJudged(let reason): text = "not judged; " + reason
        }
        if let clientProblem, case .failed = judgement { text += " | client request breaks the contract: " + clientProblem }
        let safe = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F ? $0 : "?" }))
        return safe.count > 2000 ? String(safe.prefix(1997)) + "..." : safe
    }
}
