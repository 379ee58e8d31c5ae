import ArgumentParser
import CaseGeneration
import Checks
import ContractRun
import Foundation

/// The options that choose cases, shared by `run` and `cases`.
struct CaseSelection: ParsableArguments {
    @OptionGroup var contract: ContractOptions

    @Option(help: "Seed for generated values: one seed, the same cases (default: 1).")
    var seed: UInt64?

    @Option(help: "Domain of the email addresses cases send, unique per run (default: example.com).")
    var emailDomain: String?

    @Option(name: .customLong("operation"), help: "Only this operationId (repeatable).")
    var operations: [String] = []

    @Option(help: "Only these kinds: positive,negative,auth,method,rules,explore,sequence.")
    var kind: String?

    @Option(
        help:
            "Random valid bodies per operation beyond the value classes, which every run sends all of (0: the classes only; leave explore out of --kind for no exploration; default: \(CaseOptions.defaultExamples))."
    )
    var examples: Int?

    @Option(name: .customLong("case"), help: "Only the case with this id (repeatable): replays a reported case with its seed.")
    var caseIds: [String] = []

    @Option(
        help:
            "Only slice K of N of the cases (1/3, 2/3, 3/3): the same cases every time, together the whole run. Default: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL when set."
    )
    var shard: String?

    func validate() throws {
        for name in kinds.invalid {
            throw ValidationError("unknown kind '\(name)': expected positive, negative, auth, method, rules, explore or sequence")
        }
        if let examples, examples < 0 { throw ValidationError("--examples must be 0 or more") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N (2/3: the second of three slices), found '\(shard)'")
        }
    }

    private var kinds: (valid: Set<CaseKind>, invalid: [String]) {
        guard let kind else { return (Set(CaseKind.generated), []) }
        let names = kind.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let chosen = names.compactMap { name in CaseKind.generated.first { $0.rawValue == name } }
        return (Set(chosen), names.filter { name in !CaseKind.generated.contains { $0.rawValue == name } })
    }

    /// What these options say of a run.
    func fill(_ settings: inout RunSettings) {
        contract.fill(&settings)
        settings.seed = seed
        settings.emailDomain = emailDomain
        settings.operations = operations.isEmpty ? nil : operations
        settings.kinds = kind == nil ? nil : CaseKind.generated.filter { kinds.valid.contains($0) }
        settings.examples = examples
        settings.caseIds = caseIds
        settings.shard = shard.flatMap(Shard.init)
    }
}
