import Checks
import OpenAPIModel
import Reporting

/// Recorded traffic judged against a contract: what `verify` does with files and `proxy` with
/// the exchanges it forwarded.
public struct TrafficVerification: Sendable {
    /// The contract the traffic is judged by.
    public let contract: LoadedContract
    /// Only the traffic below this URL is judged; `nil`: the traffic to any server the
    /// document lists.
    public let baseURL: String?
    /// The judge of each exchange.
    public let verifier: TrafficVerifier

    /// Judges traffic to `contract`'s servers (or below `baseURL`) by `checks`; `live`: the
    /// proxy's traffic, whose unanswered requests are errors reaching the upstream.
    public init(contract: LoadedContract, checks: Set<CheckName>, maxResponseTime: Double? = nil, baseURL: String? = nil, live: Bool = false) {
        self.contract = contract
        self.baseURL = baseURL
        verifier = TrafficVerifier(
            document: contract.document, rules: contract.rules, checks: checks, maxResponseTime: maxResponseTime,
            baseURL: baseURL, live: live)
    }

    /// The URLs the judged traffic is below.
    public var servers: [String] {
        baseURL.map { [$0] } ?? contract.document.effectiveServers.map(\.defaultURL)
    }

    /// The exchanges of HAR files and run.json reports, secrets redacted as they are read.
    public func read(_ files: [String]) throws(RunError) -> [RecordedExchange] {
        var recorded: [RecordedExchange] = []
        for path in files {
            do throws(TrafficFile.ReadError) {
                recorded += try TrafficFile.read(path).map { $0.redacted(for: contract.document) }
            } catch {
                throw .traffic(error)
            }
        }
        return recorded
    }

    /// The files' traffic judged; traffic none of which went to the judged servers is refused
    /// (the wrong `--base-url`, or the wrong document).
    public func verify(files: [String]) throws(RunError) -> RunSummary {
        let recorded = try read(files)
        let verdict = verifier.verify(recorded)
        if !recorded.isEmpty, verdict.elsewhere == recorded.count {
            throw .noTrafficToTarget(exchanges: recorded.count, target: baseURL, spec: contract.spec, servers: servers)
        }
        return summary(of: verdict, recorded: recorded, files: files, replayCommand: "contract-test verify " + files.joined(separator: " "))
    }

    /// The summary every report of judged traffic is made from.
    public func summary(of verdict: TrafficVerdict, recorded: [RecordedExchange], files: [String], replayCommand: String) -> RunSummary {
        var summary = RunSummary.ofTraffic(
            verdict, recorded: recorded, files: files, specPath: contract.spec, document: contract.document,
            servers: servers, skipped: contract.skipped, replayCommand: replayCommand)
        summary.specDigest = contract.digest
        summary.specSHA256 = contract.fetchedSHA256
        if verifier.judge.checks.contains(.responseTime) { summary.responseTimeLimit = verifier.judge.maxResponseTime }
        return summary
    }
}
