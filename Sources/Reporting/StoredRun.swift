import CaseGeneration
import Checks
import Execution
import Foundation
import YAMLSource

/// A run as JSON (`reports/run.json`, beside the JUnit report): every case with its verdict,
/// failures and exchanges, so the reports of a run's slices can be merged into the report of
/// the whole run, and tools can read a run without parsing XML. Secrets are redacted in it as
/// in every report.
public struct StoredRun: Codable, Sendable {
    /// Where the run sent its cases.
    public struct StoredTarget: Codable, Sendable {
        var name: String
        var baseURL: String
        var usesLiveData: Bool
    }

    /// One case's result and its place among the whole run's cases, written side by side.
    public struct StoredResult: Codable, Sendable {
        /// The case's place among the whole run's cases.
        var position: Int
        /// The result itself.
        var result: CaseResult

        private enum CodingKeys: String, CodingKey { case position }

        init(position: Int, result: CaseResult) {
            self.position = position
            self.result = result
        }

        /// Reads the result's fields and `position` from one object.
        public init(from decoder: any Decoder) throws {
            position = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .position)
            result = try CaseResult(from: decoder)
        }

        /// Writes `position` among the result's fields.
        public func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(position, forKey: .position)
        }
    }

    /// What the run was judged with besides the contract: a baseline's known problems.
    public struct StoredBaseline: Codable, Sendable {
        /// One baseline entry, with how many cases of the run showed it.
        public struct StoredEntry: Codable, Sendable {
            var operation: String
            var check: CheckName
            var member: String?
            var expectation: String
            var reason: String
            var ticket: String?
            var expires: String?
            /// Where the baseline lists it (`file:line:column`).
            var listedAt: String
            var cases: Int?

            init(_ entry: Baseline.Entry, cases: Int?) {
                operation = entry.fingerprint.operationId
                check = entry.fingerprint.check
                member = entry.fingerprint.member
                expectation = entry.fingerprint.expectation
                reason = entry.reason
                ticket = entry.ticket
                expires = entry.expires
                listedAt = entry.mark.description
                self.cases = cases
            }
        }

        /// The baseline file, as given.
        public var file: String
        /// The day (`YYYY-MM-DD`, UTC) expiry dates were read against.
        public var judgedOn: String
        /// Problems it accepted.
        public var known: [StoredEntry]
        /// Problems it lists whose acceptance had expired: they failed the run.
        public var expired: [StoredEntry]
        /// Entries no problem of the run matched.
        public var resolved: [StoredEntry]
    }

    /// This format's version (3: results, failures and exchanges in their values' own Codable
    /// form, locations and reasons as values).
    public var format = StoredRun.currentFormat
    /// The format this version writes and reads.
    public static let currentFormat = 3
    /// The document as named.
    public var spec: String
    /// A digest of every file of the document: slices of different texts are not merged.
    public var specDigest: String?
    /// The SHA-256 of the document's text, when it was fetched from a URL.
    public var specSHA256: String?
    /// The seed the cases were made with.
    public var seed: UInt64
    /// Where the cases went.
    public var target: StoredTarget
    /// When the run started (ISO 8601, UTC).
    public var startedAt: String
    /// Seconds the run took.
    public var duration: Double
    /// The slice this report is (`2/3`), when sliced.
    public var shard: String?
    /// How many cases the whole run has.
    public var plannedCases: Int
    /// Each operation's documented response keys.
    public var documentedStatuses: [String: [String]]
    /// The operations in the document's order.
    public var operationOrder: [String]
    /// The command that replays the run.
    public var replayCommand: String
    /// The mock the run started in-process, when it did; absent otherwise.
    public var embeddedMock: EmbeddedMock?
    /// Every case's result.
    public var results: [StoredResult]
    /// How the run adapted its concurrency; absent in reports of runs that did not adapt.
    public var pressure: Pressure.Report?
    /// For recorded traffic (`verify`): the files, the client's problems, the undocumented endpoints.
    public var traffic: RunSummary.Traffic?
    /// The baseline the run was judged with; absent when none.
    public var baseline: StoredBaseline?

    /// Bodies longer than this are cut in the stored run.
    static let bodyLimit = 64 * 1024

    /// The stored form of `summary`.
    public init(_ summary: RunSummary) {
        spec = summary.specPath
        specDigest = summary.specDigest
        specSHA256 = summary.specSHA256
        seed = summary.seed
        target = StoredTarget(name: summary.target.name, baseURL: summary.target.baseURL, usesLiveData: summary.target.usesLiveData)
        startedAt = summary.startedAt
        duration = summary.duration
        shard = summary.shard?.description
        plannedCases = summary.plannedCases
        documentedStatuses = Dictionary(summary.documentedStatuses.map { ($0.operationId, $0.keys) }, uniquingKeysWith: { first, _ in first })
        operationOrder = summary.documentedStatuses.map(\.operationId)
        replayCommand = summary.replayCommand
        embeddedMock = summary.embeddedMock
        pressure = summary.pressure
        traffic = summary.traffic
        if let judged = summary.baseline, let comparison = summary.comparison {
            baseline = StoredBaseline(
                file: judged.baseline.file, judgedOn: judged.today,
                known: comparison.known.map { StoredBaseline.StoredEntry($0.entry, cases: $0.problem.results.count) },
                expired: comparison.expired.map { StoredBaseline.StoredEntry($0.entry, cases: $0.problem.results.count) },
                resolved: comparison.resolved.map { StoredBaseline.StoredEntry($0, cases: nil) })
        }
        results = zip(summary.positions, summary.results).map { position, result in
            var stored = result
            stored.exchanges = result.exchanges.map { $0.cuttingBodies(to: Self.bodyLimit) }
            if let original = stored.shrinking?.original { stored.shrinking?.original = original.cuttingBody(to: Self.bodyLimit) }
            return StoredResult(position: position, result: stored)
        }
    }

    /// The JSON, keys sorted.
    public var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Writes the JSON to `path` atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(data, to: path)
    }

    /// The stored run in the file at `path`.
    public static func read(_ path: String) throws -> StoredRun {
        try decode(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A run.json's bytes, refused when of another format.
    public static func decode(_ data: Data) throws -> StoredRun {
        struct Version: Decodable { var format: Int? }
        if let found = (try? JSONDecoder().decode(Version.self, from: data))?.format, found != currentFormat {
            throw FormatMismatch(found: found)
        }
        return try JSONDecoder().decode(StoredRun.self, from: data)
    }

    /// A stored run of another format than this version writes and reads.
    public struct FormatMismatch: Error {
        /// The format the file has.
        public var found: Int
    }
}

extension StoredRun {
    /// Why reports cannot be merged, in words.
    public struct MergeError: Error, Sendable, CustomStringConvertible {
        /// Why, naming the files.
        public var description: String

        /// A refusal, told in words.
        public init(description: String) {
            self.description = description
        }
    }

    /// The run these slices are: every case of every slice in the whole run's order, each
    /// exactly once. Slices of different documents, seeds or splits are refused.
    public static func merge(_ runs: [(file: String, run: StoredRun)]) throws(MergeError) -> RunSummary {
        guard let (firstFile, first) = runs.first else { throw MergeError(description: "no reports to merge") }
        for (file, run) in runs.dropFirst() {
            if run.spec != first.spec || run.specDigest != first.specDigest {
                throw MergeError(
                    description:
                        "\(file) and \(firstFile) come from different documents (\(run.spec) and \(first.spec), or the same file changed): merge the slices of one run"
                )
            }
            if run.seed != first.seed {
                throw MergeError(
                    description: "\(file) ran with seed \(run.seed) and \(firstFile) with seed \(first.seed): the slices of one run share a seed")
            }
            if run.plannedCases != first.plannedCases {
                throw MergeError(
                    description:
                        "\(file) belongs to a run of \(run.plannedCases) cases and \(firstFile) to one of \(first.plannedCases): merge the slices of one run"
                )
            }
        }
        let shards = runs.map { ($0.file, $0.run.shard.flatMap(Shard.init)) }
        if let unsliced = shards.first(where: { $0.1 == nil }), runs.count > 1 {
            throw MergeError(description: "\(unsliced.0) is a whole run, not a slice (--shard K/N): there is nothing to merge it with")
        }
        if runs.count > 1 || shards.first?.1 != nil {
            let count = shards.first?.1?.count ?? 1
            var seen: [Int: String] = [:]
            for (file, shard) in shards {
                guard let shard, shard.count == count else {
                    throw MergeError(
                        description:
                            "\(file) is a slice of a run split \(shards.first { $0.1 != nil && $0.1?.count != count }?.1?.count ?? 0) ways, the others \(count) ways"
                    )
                }
                if let other = seen[shard.index] {
                    throw MergeError(description: "slice \(shard) is given twice (\(other) and \(file))")
                }
                seen[shard.index] = file
            }
            if let missing = (1...count).first(where: { seen[$0] == nil }) {
                throw MergeError(description: "slice \(missing)/\(count) is missing: every slice of the run is needed to merge it")
            }
        }
        let stored = runs.flatMap(\.run.results).sorted { $0.position < $1.position }
        guard stored.count == first.plannedCases, Set(stored.map(\.position)).count == stored.count else {
            throw MergeError(description: "the slices hold \(stored.count) cases, the run \(first.plannedCases): they are not the slices of one run")
        }
        let order = first.operationOrder
        var summary = RunSummary(
            specPath: first.spec,
            target: Target(baseURL: first.target.baseURL, name: first.target.name, dataPolicy: first.target.usesLiveData ? .live : .test),
            seed: first.seed, startedAt: runs.map(\.run.startedAt).min() ?? first.startedAt,
            duration: runs.map(\.run.duration).max() ?? 0, results: stored.map(\.result),
            documentedStatuses: order.map { ($0, first.documentedStatuses[$0] ?? []) },
            replayCommand: first.replayCommand, shard: nil, plannedCases: first.plannedCases, positions: stored.map(\.position),
            specDigest: first.specDigest)
        summary.pressure = Pressure.Report.merged(runs.compactMap(\.run.pressure))
        summary.specSHA256 = first.specSHA256
        summary.embeddedMock = first.embeddedMock
        return summary
    }
}
