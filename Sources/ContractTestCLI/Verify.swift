import ArgumentParser
import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import OpenAPIModel
import Reporting

/// `contract-test verify TRAFFIC...`: recorded traffic (HAR from a browser, Postman,
/// mitmproxy, Charles or `run --har`; a `run.json`) judged against the contract as the gate
/// judges its own cases, with the same reports and exit statuses.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge recorded traffic (HAR files, run.json reports) against the contract.",
        discussion: """
            Each exchange is matched to an operation by server, path template and method. Its \
            request is checked against the contract: a faulty request is the client's problem, \
            listed apart, never the server's failure. Its answer is judged by every check that \
            applies to one exchange. Exit status: 0 every answer conforms, 1 some do not, 2 usage, \
            spec or traffic file error.
            """
    )

    @Argument(help: "The traffic: HAR files and run.json reports.")
    var traffic: [String] = []

    @OptionGroup var contract: ContractOptions

    var spec: String { contract.spec }
    var rules: String? { contract.rules }

    @Option(help: "Judge only the traffic below this URL (default: the traffic to any server the document lists).")
    var baseURL: String?

    @OptionGroup var checkOptions: CheckOptions

    @OptionGroup var reportFiles: ReportFiles

    @Option(help: "The environment variable reproductions name for the secret.")
    var tokenEnv = "PARTNER_API_TOKEN"

    func validate() throws {
        guard !traffic.isEmpty else { throw ValidationError("name at least one traffic file: a HAR file or a run.json report") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://, found '\(baseURL)'")
        }
    }

    func run() throws {
        let (document, businessRules, skipped) = try contract.load()
        var recorded: [RecordedExchange] = []
        for path in traffic {
            do {
                recorded += try TrafficFile.read(path).map { $0.redacted(for: document) }
            } catch {
                Console.error("error: \(error)")
                throw ExitCode(2)
            }
        }
        let verifier = TrafficVerifier(document: document, rules: businessRules, checks: try checkOptions.selected(), baseURL: baseURL)
        let verdict = verifier.verify(recorded)
        let servers = baseURL.map { [$0] } ?? document.effectiveServers.map(\.defaultURL)
        if !recorded.isEmpty, verdict.elsewhere == recorded.count {
            Console.error("error: none of the \(recorded.count) exchanges is addressed to \(baseURL == nil ? "a server of \(spec)" : baseURL!) (\(servers.joined(separator: ", "))): give --base-url with the URL the traffic went to")
            throw ExitCode(2)
        }
        let summary = RunSummary.ofTraffic(verdict, recorded: recorded, files: traffic, specPath: spec, document: document, servers: servers,
                                           skipped: skipped, replayCommand: "contract-test verify " + traffic.joined(separator: " "))
        try reportFiles.write(summary, tokenVariable: tokenEnv)
    }
}
