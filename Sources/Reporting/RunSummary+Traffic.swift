import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import OpenAPIModel
import OrderedCollections

extension RunSummary {
    /// The summary of recorded traffic, as `verify` and `proxy` report it: one case per judged
    /// exchange (skipped where the document's errors stop its operation), the client's
    /// problems, undocumented endpoints and exchanges elsewhere beside them.
    public static func ofTraffic(
        _ verdict: TrafficVerdict, recorded: [RecordedExchange], files: [String], specPath: String,
        document: OpenAPIDocument, servers: [String], skipped: [String: SkipReason],
        replayCommand: String
    ) -> RunSummary {
        let results = verdict.results.map { result in
            guard let reason = skipped[result.testCase.operationId] else { return result }
            var stopped = result
            stopped.outcome = .skipped(reason)
            return stopped
        }
        let times = recorded.compactMap { $0.exchange.timing?.sent }
        var summary = RunSummary(
            specPath: specPath, target: Target(baseURL: servers.joined(separator: ", "), name: "traffic"), seed: 0,
            startedAt: times.min()?.rfc3339 ?? ISO8601DateFormatter().string(from: Date()),
            duration: results.map(\.duration).reduce(0, +), results: results,
            documentedStatuses: document.operations.map { ($0.id, Array($0.operation.responses.byStatus.keys)) },
            replayCommand: replayCommand)
        summary.unjudgedExchanges = verdict.unjudged.map(\.exchange)
        summary.traffic = Traffic(
            files: files, clientProblems: verdict.clientProblems, undocumented: verdict.undocumented,
            elsewhere: verdict.elsewhere)
        return summary
    }
}
