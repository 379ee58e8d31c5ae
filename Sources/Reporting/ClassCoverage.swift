import CaseGeneration
import Checks

/// How many of an operation's value classes a run sent: each exploration case that is not a
/// random extra stands for a class of one member, and covers it when it ran (was not
/// skipped). Every run plans them all, so a slice covers its share and a merged report the
/// whole.
public struct ClassCoverage: Sendable, Hashable {
    /// Value classes whose case ran.
    public var covered: Int
    /// Value classes planned for the operation in these results.
    public var planned: Int
    /// Random valid bodies sent beyond the classes.
    public var random: Int

    /// "54 of 54 value classes covered, 10 random bodies".
    public var words: String {
        "\(covered) of \(TerminalReport.count(planned, "value class", plural: "value classes")) covered"
            + (random > 0 ? ", \(TerminalReport.count(random, "random body", plural: "random bodies"))" : "")
    }
}

extension RunSummary {
    /// The value classes an operation's exploration covered; `nil` when it explored nothing.
    public func classCoverage(_ operationId: String) -> ClassCoverage? {
        let explored = results.filter { $0.testCase.operationId == operationId && $0.testCase.kind == .explore }
        guard !explored.isEmpty else { return nil }
        let classes = explored.filter { $0.testCase.focus?.isRandom != true }
        // A class may send several values (two numbers inside the bounds): it counts once.
        func distinct(_ results: [CaseResult]) -> Int {
            Set(results.compactMap { $0.testCase.focus.map { "\($0.member) \($0.valueClass)" } }).count
        }
        return ClassCoverage(
            covered: distinct(classes.filter { !$0.isSkipped }), planned: distinct(classes),
            random: explored.count - classes.count)
    }
}
