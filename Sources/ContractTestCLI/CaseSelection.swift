import ArgumentParser
import BusinessRules
import CaseGeneration
import Checks
import Foundation
import OpenAPIModel

/// The options that choose cases, shared by `run` and `cases`.
struct CaseSelection: ParsableArguments {
    @OptionGroup var contract: ContractOptions

    var spec: String { contract.spec }
    var rules: String? { contract.rules }

    @Option(help: "Seed for generated values: one seed, the same cases.")
    var seed: UInt64 = 1

    @Option(help: "Domain of the email addresses cases send (unique per run).")
    var emailDomain = "example.com"

    @Option(name: .customLong("operation"), help: "Only this operationId (repeatable).")
    var operations: [String] = []

    @Option(help: "Only these kinds: positive,negative,auth,method,rules,explore,sequence.")
    var kind: String?

    @Option(help: "Random valid bodies per operation beyond the value classes, which every run sends all of (0: the classes only; leave explore out of --kind for no exploration).")
    var examples = CaseOptions.defaultExamples

    @Option(name: .customLong("case"), help: "Only the case with this id (repeatable): replays a reported case with its seed.")
    var caseIds: [String] = []

    @Option(help: "Only slice K of N of the cases (1/3, 2/3, 3/3): the same cases every time, together the whole run. Default: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL when set.")
    var shard: String?

    func validate() throws {
        for name in kinds.invalid {
            throw ValidationError("unknown kind '\(name)': expected positive, negative, auth, method, rules, explore or sequence")
        }
        guard examples >= 0 else { throw ValidationError("--examples must be 0 or more") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N (2/3: the second of three slices), found '\(shard)'")
        }
    }

    /// The slice to run, and where it was said: `--shard`, else GitLab's parallel jobs.
    func slice() throws -> (shard: Shard, source: String)? {
        if let shard { return Shard(shard).map { ($0, "--shard") } }
        let environment = ProcessInfo.processInfo.environment
        guard let index = environment["CI_NODE_INDEX"], let total = environment["CI_NODE_TOTAL"] else { return nil }
        guard let shard = Shard("\(index)/\(total)") else {
            Console.error("error: CI_NODE_INDEX=\(index) and CI_NODE_TOTAL=\(total) do not name a slice: expected 1 ≤ index ≤ total")
            throw ExitCode(2)
        }
        return (shard, "CI_NODE_INDEX/CI_NODE_TOTAL")
    }

    private var kinds: (valid: Set<CaseKind>, invalid: [String]) {
        guard let kind else { return (Set(CaseKind.generated), []) }
        let names = kind.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let chosen = names.compactMap { name in CaseKind.generated.first { $0.rawValue == name } }
        return (Set(chosen), names.filter { name in !CaseKind.generated.contains { $0.rawValue == name } })
    }

    /// The document, its rules and the cases, with a run tag that makes this run's addresses
    /// unique; problems are printed and end the command with status 2.
    /// What a command runs: the document, its rules, the cases (of the slice, when sliced), each
    /// case's place among the whole run's, and how many the whole run has.
    struct Selected {
        var document: OpenAPIDocument
        var rules: BusinessRules
        var cases: [TestCase]
        var positions: [Int]
        var planned: Int
        var shard: (shard: Shard, source: String)?
    }

    func load(runTag: String) throws -> Selected {
        let (document, businessRules, skipped) = try contract.load()
        let known = Set(document.operations.map(\.id))
        for name in operations where !known.contains(name) {
            Console.error("error: no operation '\(name)' in \(spec): expected one of \(known.sorted().joined(separator: ", "))")
            throw ExitCode(2)
        }
        var generating = options(runTag: runTag)
        generating.skippedOperations = skipped
        var generator = CaseGenerator(document: document, rules: businessRules, options: generating)
        let cases = generator.cases()
        let found = Set(cases.map(\.id))
        for id in caseIds where !found.contains(id) {
            Console.error("error: no case '\(id)' for seed \(seed) in \(spec): `contract-test cases --seed \(seed)` lists every case with its id")
            throw ExitCode(2)
        }
        guard let slice = try slice() else {
            return Selected(document: document, rules: businessRules, cases: cases, positions: Array(cases.indices), planned: cases.count, shard: nil)
        }
        let positions = slice.shard.positions(in: cases)
        return Selected(document: document, rules: businessRules, cases: positions.map { cases[$0] }, positions: positions,
                        planned: cases.count, shard: slice)
    }

    /// What to generate, as these options say.
    func options(runTag: String) -> CaseOptions {
        CaseOptions(seed: seed, emailDomain: emailDomain, runTag: runTag, kinds: kinds.valid,
                    operationIds: operations.isEmpty ? nil : Set(operations), examples: examples,
                    caseIds: caseIds.isEmpty ? nil : Set(caseIds))
    }

    /// The start of a command that runs one case again (`--case ID` follows), with this run's
    /// choices that decide the cases.
    var replayCommand: String {
        var parts = ["contract-test run"]
        if spec != ContractOptions.defaultSpec { parts.append("--spec \(spec)") }
        if let rules { parts.append("--rules \(rules)") }
        if emailDomain != "example.com" { parts.append("--email-domain \(emailDomain)") }
        // Random bodies are numbered: a later one is found again only with as many.
        if examples != CaseOptions.defaultExamples { parts.append("--examples \(examples)") }
        parts.append("--seed \(seed)")
        return parts.joined(separator: " ")
    }

    /// A digest of the document's text (FNV-1a, 64 bits), so slices of different documents
    /// are not merged.
    var specDigest: String? {
        guard let bytes = FileManager.default.contents(atPath: spec) else { return nil }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }

    /// A short tag unique to this run: the time in base 36.
    static func newRunTag() -> String {
        String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    }
}
