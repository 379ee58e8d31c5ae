import BusinessRules
import CaseGeneration
import Checks
import Foundation
import OpenAPIModel

/// Which cases a run sends: the seed and the filters, and the slice of a sharded run.
public struct CaseChoice: Sendable {
    /// Where the slice to run was said.
    public enum SliceSource: String, Sendable {
        case option = "--shard"
        case gitLab = "CI_NODE_INDEX/CI_NODE_TOTAL"
    }

    /// The seed: the same seed, the same cases.
    public var seed: UInt64
    /// The domain of generated addresses.
    public var emailDomain: String
    /// Only these operations; empty: every operation.
    public var operations: [String]
    /// The kinds of case to send.
    public var kinds: Set<CaseKind>
    /// Random valid bodies per operation beyond the value classes.
    public var examples: Int
    /// Only these case ids; empty: every case.
    public var caseIds: [String]
    /// The slice `--shard` names; `nil`: GitLab's parallel-job variables, when set.
    public var shard: Shard?
    /// Options a replay needs besides the seed (`--config FILE --env NAME`).
    public var replayOptions: [String] = []

    /// A choice of cases; by default every kind at seed 1.
    public init(
        seed: UInt64 = 1, emailDomain: String = "example.com", operations: [String] = [], kinds: Set<CaseKind> = Set(CaseKind.generated),
        examples: Int = CaseOptions.defaultExamples, caseIds: [String] = [], shard: Shard? = nil
    ) {
        self.seed = seed
        self.emailDomain = emailDomain
        self.operations = operations
        self.kinds = kinds
        self.examples = examples
        self.caseIds = caseIds
        self.shard = shard
    }

    /// The slice to run, and where it was said: `shard`, else GitLab's parallel jobs in
    /// `environment`.
    public func slice(environment: [String: String]) throws(RunError) -> (shard: Shard, source: SliceSource)? {
        if let shard { return (shard, .option) }
        guard let index = environment["CI_NODE_INDEX"], let total = environment["CI_NODE_TOTAL"] else { return nil }
        guard let shard = Shard("\(index)/\(total)") else { throw .shardEnvironment(index: index, total: total) }
        return (shard, .gitLab)
    }

    /// What to generate, as this choice says.
    public func options(runTag: String) -> CaseOptions {
        CaseOptions(
            seed: seed, emailDomain: emailDomain, runTag: runTag, kinds: kinds,
            operationIds: operations.isEmpty ? nil : Set(operations), examples: examples,
            caseIds: caseIds.isEmpty ? nil : Set(caseIds))
    }

    /// The cases of `contract` this choice names (of the slice, when sliced), each with its
    /// place among the whole run's.
    public func select(from contract: LoadedContract, runTag: String, environment: [String: String]) throws(RunError) -> SelectedCases {
        let known = Set(contract.document.operations.map(\.id))
        for name in operations where !known.contains(name) {
            throw .unknownOperation(name, spec: contract.spec, known: Array(known))
        }
        var generating = options(runTag: runTag)
        generating.skippedOperations = contract.skipped
        var generator = CaseGenerator(document: contract.document, rules: contract.rules, options: generating)
        let cases = generator.cases()
        let found = Set(cases.map(\.id))
        for id in caseIds where !found.contains(id) {
            throw .unknownCase(id, seed: seed, spec: contract.spec)
        }
        guard let slice = try slice(environment: environment) else {
            return SelectedCases(cases: cases, positions: Array(cases.indices), planned: cases.count, slice: nil)
        }
        let positions = slice.shard.positions(in: cases)
        return SelectedCases(cases: positions.map { cases[$0] }, positions: positions, planned: cases.count, slice: slice)
    }

    /// The start of a command that runs one case again (`--case ID` follows), with this
    /// choice's settings that decide the cases and `options` (the embedded mock's faults).
    public func replayCommand(spec: String, rules: String?, options: [String] = []) -> String {
        var parts = ["contract-test run"] + replayOptions + options
        if spec != ContractSource.defaultSpec { parts.append("--spec \(spec)") }
        if let rules { parts.append("--rules \(rules)") }
        if emailDomain != "example.com" { parts.append("--email-domain \(emailDomain)") }
        // Random bodies are numbered: a later one is found again only with as many.
        if examples != CaseOptions.defaultExamples { parts.append("--examples \(examples)") }
        parts.append("--seed \(seed)")
        return parts.joined(separator: " ")
    }

    /// A short tag unique to a run: the time in base 36.
    public static func newRunTag() -> String {
        String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    }
}

/// The cases a run sends: of its slice when sliced, each with its place in the whole run.
public struct SelectedCases: Sendable {
    /// The cases, in the order sent.
    public var cases: [TestCase]
    /// Each case's index among the whole run's cases.
    public var positions: [Int]
    /// How many cases the whole run has.
    public var planned: Int
    /// The slice run, and where it was said, when sliced.
    public var slice: (shard: Shard, source: CaseChoice.SliceSource)?
}
