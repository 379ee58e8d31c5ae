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

    /// One check's failure.
    public struct StoredFailure: Codable, Sendable {
        var check: CheckName
        var message: String
        var pointer: String?
        var specLocation: String?
        var expectation: String
    }

    /// Where a stored request has `[REDACTED]`.
    public struct StoredSecret: Codable, Sendable {
        var header: String?
        var variable: String?
        var basicUser: String?
    }

    /// A request as shown (secrets redacted), its body as text or base64.
    public struct StoredRequest: Codable, Sendable {
        var method: String
        var url: String
        var headers: [[String]]
        var body: String?
        var secrets: [StoredSecret]
    }

    /// An answer, its body cut past the limit.
    public struct StoredResponse: Codable, Sendable {
        var status: Int
        var headers: [[String]]
        var body: String
    }

    /// One exchange, or the transport problem instead of an answer.
    public struct StoredExchange: Codable, Sendable {
        var request: StoredRequest
        var response: StoredResponse?
        var transportError: String?
        var transportKind: String?
        var duration: Double
    }

    /// One case's result.
    public struct StoredResult: Codable, Sendable {
        /// The case's place among the whole run's cases.
        var position: Int
        var testCase: TestCase
        /// `passed`, `failed`, `error` or `skipped`.
        var outcome: String
        var failures: [StoredFailure]?
        var reason: String?
        var exchanges: [StoredExchange]
        /// The exchange the failure or error is about, and its place among `exchanges`.
        var culprit: StoredExchange?
        var culpritStep: Int?
        var duration: Double
        var shrunkFrom: StoredRequest?
        var shrinkSteps: Int?
        var shrinkAttempts: Int?
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

    /// This format's version (2: request bodies as text, or base64).
    public var format = StoredRun.currentFormat
    /// The format this version writes and reads.
    public static let currentFormat = 2
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
            var stored = StoredResult(
                position: position, testCase: result.testCase, outcome: "passed", exchanges: result.exchanges.map(Self.store),
                culprit: result.culprit.map(Self.store), culpritStep: result.culpritStep, duration: result.duration)
            switch result.outcome {
            case .passed: break
            case .failed(let failures):
                stored.outcome = "failed"
                stored.failures = failures.map {
                    StoredFailure(
                        check: $0.check, message: $0.message, pointer: $0.pointer, specLocation: $0.specLocation, expectation: $0.expectation)
                }
            case .error(let reason):
                stored.outcome = "error"
                stored.reason = reason
            case .skipped(let reason):
                stored.outcome = "skipped"
                stored.reason = reason
            }
            if let shrinking = result.shrinking {
                stored.shrunkFrom = Self.store(shrinking.original)
                stored.shrinkSteps = shrinking.steps
                stored.shrinkAttempts = shrinking.attempts
            }
            return stored
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(bodyLimit), as: UTF8.self)
    }

    private static func store(_ request: Exchange.Request) -> StoredRequest {
        StoredRequest(
            method: request.method, url: request.url, headers: request.headers.map { [$0.name, $0.value] },
            body: request.body.map(text),
            secrets: request.secrets.map { StoredSecret(header: $0.header, variable: $0.variable, basicUser: $0.basicUser) })
    }

    private static func store(_ exchange: Exchange) -> StoredExchange {
        StoredExchange(
            request: store(exchange.request),
            response: exchange.response.map {
                StoredResponse(status: $0.status, headers: $0.headers.map { [$0.name, $0.value] }, body: text($0.body))
            },
            transportError: exchange.transportError?.description, transportKind: exchange.transportError?.kind.rawValue,
            duration: exchange.duration)
    }

    private static func request(_ stored: StoredRequest) -> Exchange.Request {
        Exchange.Request(
            method: stored.method, url: stored.url, headers: stored.headers.map { ($0.first ?? "", $0.last ?? "") },
            body: stored.body.map { Array($0.utf8) },
            secrets: stored.secrets.map { RedactedSecret(header: $0.header, variable: $0.variable, basicUser: $0.basicUser) })
    }

    private static func exchange(_ stored: StoredExchange) -> Exchange {
        Exchange(
            request: request(stored.request),
            response: stored.response.map {
                Exchange.Response(status: $0.status, headers: $0.headers.map { ($0.first ?? "", $0.last ?? "") }, body: Array($0.body.utf8))
            },
            transportError: stored.transportError.map {
                TransportError(kind: stored.transportKind.flatMap(TransportError.Kind.init(rawValue:)) ?? .other, description: $0)
            },
            duration: stored.duration, retries: 0)
    }

    /// The stored results as the reports read them.
    func results(_ stored: [StoredResult]) -> [CaseResult] {
        stored.map { result in
            let exchanges = result.exchanges.map(Self.exchange)
            let outcome: CaseResult.Outcome =
                switch result.outcome {
                case "failed":
                    .failed(
                        (result.failures ?? []).map {
                            CheckFailure(
                                check: $0.check, message: $0.message, pointer: $0.pointer, specLocation: $0.specLocation, expectation: $0.expectation)
                        })
                case "error": .error(result.reason ?? "")
                case "skipped": .skipped(result.reason ?? "")
                default: .passed
                }
            // A report of an earlier version names the culprit only by a copy: the last exchange like it.
            let step =
                result.culpritStep
                ?? result.culprit.flatMap { culprit in
                    result.exchanges.lastIndex { $0.request.method == culprit.request.method && $0.request.url == culprit.request.url }
                }
            var made = CaseResult(testCase: result.testCase, outcome: outcome, exchanges: exchanges, culpritStep: step, duration: result.duration)
            if let original = result.shrunkFrom {
                made.shrinking = CaseResult.Shrinking(
                    original: Self.request(original), steps: result.shrinkSteps ?? 0, attempts: result.shrinkAttempts ?? 0)
            }
            return made
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
            duration: runs.map(\.run.duration).max() ?? 0, results: first.results(stored),
            documentedStatuses: order.map { ($0, first.documentedStatuses[$0] ?? []) },
            replayCommand: first.replayCommand, shard: nil, plannedCases: first.plannedCases, positions: stored.map(\.position),
            specDigest: first.specDigest)
        summary.pressure = Pressure.Report.merged(runs.compactMap(\.run.pressure))
        summary.specSHA256 = first.specSHA256
        return summary
    }
}
