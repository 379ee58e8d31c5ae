import CaseGeneration
import Checks
import Execution
import OpenAPIModel

/// Which of an operation's documented responses a run saw, and how often: the answers counted
/// under the most specific key that documents them (`404`, then `4XX`, then `default`), and the
/// statuses no key documents.
public struct ResponseCoverage: Sendable {
    /// A documented key and how many answers it documents.
    public struct Documented: Sendable {
        /// `200`, `4XX` or `default`.
        public var key: String
        /// Answers it documents; 0 when never seen.
        public var answers: Int
    }

    /// Every documented key, in the document's order.
    public var documented: [Documented]
    /// Statuses answered that no key documents, in numeric order, with how often.
    public var undocumented: [(status: Int, answers: Int)]

    /// The keys some answer fell under.
    public var seen: [String] { documented.filter { $0.answers > 0 }.map(\.key) }
    /// The keys no answer fell under.
    public var never: [String] { documented.filter { $0.answers == 0 }.map(\.key) }

    /// - Parameter statuses: every answer's status, once per answer.
    public init(documented keys: [String], statuses: [Int]) {
        var counts = Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })
        var extra: [Int: Int] = [:]
        for status in statuses {
            if let key = Responses.documentingKey(for: status, where: keys.contains) {
                counts[key, default: 0] += 1
            } else {
                extra[status, default: 0] += 1
            }
        }
        documented = keys.map { Documented(key: $0, answers: counts[$0] ?? 0) }
        undocumented = extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

extension RunSummary {
    /// The documented responses of an operation seen and never seen in this run.
    public func coverage(_ operationId: String) -> ResponseCoverage {
        let keys = documentedStatuses.first { $0.operationId == operationId }?.keys ?? []
        let statuses = results.filter { $0.testCase.operationId == operationId }.flatMap { $0.exchanges.compactMap { $0.response?.status } }
        return ResponseCoverage(documented: keys, statuses: statuses)
    }
}
