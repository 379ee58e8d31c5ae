import CaseGeneration
import Checks
import YAMLSource

/// One distinct way the target differs from the contract, and every case that showed it: its
/// cause, failures of one operation with the same check, the same expectation and the same
/// response member (a status that misjudged the value sent also the same request member:
/// `CheckFailure.causedBySentValue`).
/// A CI user reads one of these per defect, however many cases (and members) found it.
public struct Problem: Sendable {
    /// The operation.
    public var operationId: String
    /// The check that failed.
    public var check: CheckName
    /// The response member (`#/email`; array items as `*`, `#/items/*/name`, so one defect in
    /// every item is one problem), or the request member the cases varied
    /// (`request /expirationDays`), when the failure is about one.
    public var member: String?
    /// The first failure seen, standing for all.
    public var example: CheckFailure

    /// What makes a problem the same problem in every run, whatever the seed, run tag or case
    /// order: what a baseline lists.
    public struct Fingerprint: Hashable, Sendable {
        /// The operation.
        public var operationId: String
        /// The check.
        public var check: CheckName
        /// The member, as `Problem.member` says it.
        public var member: String?
        /// What was expected, without what was found.
        public var expectation: String

        /// A fingerprint.
        public init(operationId: String, check: CheckName, member: String?, expectation: String) {
            self.operationId = operationId
            self.check = check
            self.member = member
            self.expectation = expectation
        }

        /// The problem one failure of a case belongs to, among the run's `causes`.
        public init(_ failure: CheckFailure, of result: CaseResult, causes: Causes) {
            let member =
                failure.pointer.map { "#" + Problem.anyItem($0) }
                ?? (causes.blamesSentValue(failure, of: result)
                    ? result.testCase.focus.flatMap { $0.member.isEmpty ? nil : "request " + $0.member } : nil)
            self.init(operationId: result.testCase.operationId, check: failure.check, member: member, expectation: failure.expectation)
        }
    }

    /// What the run's cases say of where a status failure's cause lies: a value a case varied
    /// is refused for its own sake only when the unvaried request of its operation is not
    /// refused the same way (a base body refused for a member no case varied makes every varied
    /// case fail alike: one cause, the request's).
    public struct Causes: Sendable {
        /// Operation and expectation of each status failure the unvaried requests (the positive
        /// cases) showed.
        let unvaried: Set<String>

        /// The causes the run's `results` show.
        public init(_ results: [CaseResult]) {
            var unvaried: Set<String> = []
            for result in results where result.testCase.kind == .positive && result.testCase.focus == nil {
                for failure in result.failures where failure.causedBySentValue == true {
                    unvaried.insert(result.testCase.operationId + " " + failure.expectation)
                }
            }
            self.unvaried = unvaried
        }

        /// Whether the value the case sent, not its request, is the failure's cause.
        func blamesSentValue(_ failure: CheckFailure, of result: CaseResult) -> Bool {
            failure.causedBySentValue == true && !unvaried.contains(result.testCase.operationId + " " + failure.expectation)
        }
    }

    /// What identifies the problem across runs.
    public var fingerprint: Fingerprint {
        Fingerprint(operationId: operationId, check: check, member: member, expectation: example.expectation)
    }
    /// The failing cases that show it, each once, in run order.
    public var results: [CaseResult]

    /// The request members the cases that show it varied, in the order first seen: one cause
    /// may show whatever member a case varies (a 500 to every body).
    public var requestMembers: [String] {
        var members: [String] = []
        for result in results {
            guard let member = result.testCase.focus?.member, !member.isEmpty, !members.contains(member) else { continue }
            members.append(member)
        }
        return members
    }

    /// One line: the first failure, and what the cases had in common when it is about a
    /// request member.
    public var headline: String {
        var text = example.description
        if example.pointer == nil, let member, member.hasPrefix("request ") {
            text += " — when sending " + member.dropFirst("request ".count)
        }
        return text
    }

    /// The run's failures grouped by distinct problem, the ones shown by the most cases first
    /// (every report numbers them alike); problems shown equally often keep the order each was
    /// first seen in.
    public static func group(_ results: [CaseResult]) -> [Problem] {
        var problems: [Problem] = []
        var index: [Fingerprint: Int] = [:]
        let causes = Causes(results)
        for result in results {
            for failure in result.failures {
                let key = Fingerprint(failure, of: result, causes: causes)
                if let position = index[key] {
                    if problems[position].results.last?.testCase.id != result.testCase.id { problems[position].results.append(result) }
                } else {
                    index[key] = problems.count
                    problems.append(
                        Problem(
                            operationId: result.testCase.operationId, check: failure.check, member: key.member,
                            example: failure, results: [result]))
                }
            }
        }
        return problems.enumerated()
            .sorted { ($0.element.results.count, $1.offset) > ($1.element.results.count, $0.offset) }
            .map(\.element)
    }

    /// The pointer with each array index (an all-digit segment) as `*`. An object member named by
    /// digits is folded too: its failures still differ by the schema keyword they break.
    static func anyItem(_ pointer: JSONPointer) -> String {
        JSONPointer(tokens: pointer.tokens.map { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) ? "*" : $0 }).description
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
