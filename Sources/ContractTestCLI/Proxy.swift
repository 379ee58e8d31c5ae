import ArgumentParser
import AsyncHTTPClient
import Checks
import ContractRun
import Execution
import Foundation
import Logging
import OpenAPIModel
import ServiceLifecycle
import UnixSignals
import ValidatingProxy

/// `contract-test proxy --upstream URL`: a validating reverse proxy for QA's own clients (the
/// portal, Postman, the SDK): every exchange forwarded unchanged, judged as `verify` judges
/// recorded traffic, a line per exchange on the terminal, and on Ctrl-C (or after
/// `--duration`) the HAR and the reports, with the verdict as exit status.
struct Proxy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A validating reverse proxy: forward to the upstream, judge every exchange against the contract.",
        discussion: """
            Every request is forwarded unchanged (credentials included) and every answer returned \
            unchanged but for a Contract-Test header: passed, failed; ..., client request breaks \
            the contract; ..., undocumented endpoint, or not judged; .... On SIGINT or SIGTERM, or \
            after --duration, the reports (and --har) are written, secrets redacted. Exit status: \
            0 every answer conformed, 1 some did not, 2 usage or spec error (a port in use \
            among them), 3 the upstream could not be reached, 4 nothing was judged (no traffic to \
            a documented operation; --allow-nothing-judged passes it).
            """
    )

    @Option(help: "Where to forward requests: scheme, host and port, and an optional path prefix.")
    var upstream: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8081

    @OptionGroup var contract: ContractOptions

    @Option(
        help:
            "The URL the document's paths are below, as the upstream serves them (default: the upstream, with the path of the document's first server when the upstream has none)."
    )
    var baseURL: String?

    @OptionGroup var checkOptions: CheckOptions

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Stop after this many seconds (default: at SIGINT or SIGTERM).")
    var duration: Int?

    @OptionGroup var reportFiles: ReportFiles

    @OptionGroup var tokenVariable: TokenVariableOption

    func validate() throws {
        for (name, url) in [("--upstream", upstream), ("--base-url", baseURL)] {
            if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                throw ValidationError("\(name) must start with http:// or https://, found '\(url)'")
            }
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, found \(port)") }
        if let duration, duration < 1 { throw ValidationError("--duration must be at least 1 second") }
    }

    /// The upstream with the first server's path when it has none of its own.
    func judgedBase(_ document: OpenAPIDocument) -> String {
        if let baseURL { return baseURL }
        let trimmed = upstream.hasSuffix("/") ? String(upstream.dropLast()) : upstream
        guard RouteTable.pathPart(of: trimmed) == "/" else { return trimmed }
        let serverPath = document.effectiveServers.first.map { RouteTable.pathPart(of: $0.defaultURL) } ?? "/"
        return trimmed + (serverPath == "/" ? "" : serverPath)
    }

    func run() async throws {
        // Refused now, not after the session: what was recorded is never lost to a bad file.
        let known = try reportFiles.knownProblems()
        let loaded = try contract.load()
        let base = judgedBase(loaded.document)
        let verification = TrafficVerification(
            contract: loaded, checks: try checkOptions.selected(), maxResponseTime: checkOptions.responseTimeLimit, baseURL: base, live: true)
        let verifier = verification.verifier
        let document = loaded.document
        let configuration: HTTPClient.Configuration
        do throws(TransportError) {
            configuration = try Executor.clientConfiguration(caCertificates: connection.caCert)
        } catch {
            throw RunError.transport(error)
        }
        var logger = Logger(label: "contract-test.proxy")
        logger.logLevel = .error
        let (recorded, verdict) = try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            let proxy = ValidatingProxy(
                upstream: upstream, document: document, verifier: verifier, client: client,
                timeout: .seconds(connection.answerTimeout)
            ) { exchange in Console.out(Self.line(exchange)) }
            let application = ProxyServer.application(proxy, host: host, port: port, logger: logger) {
                [upstream, host, spec = contract.source.spec] port in
                Console.out(
                    "proxy listening at http://\(host):\(port) for \(upstream), judging against \(spec) below \(base); Ctrl-C writes the reports")
            }
            let group = ServiceGroup(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { [host, port] in
                    do {
                        try await group.run()
                    } catch {
                        throw ListenFailure.runError(error, host: host, port: port)
                    }
                }
                if let duration {
                    tasks.addTask {
                        guard (try? await Task.sleep(for: .seconds(duration))) != nil else { return }
                        await group.triggerGracefulShutdown()
                        // Stays until the server has stopped, which ends the wait below.
                        try? await Task.sleep(for: .seconds(86_400))
                    }
                }
                // The server stops first (a signal or the duration); the timer goes with it.
                try await tasks.next()
                tasks.cancelAll()
            }
            return (proxy.recorded, proxy.verdict)
        }
        let summary = verification.summary(
            of: verdict, recorded: recorded, files: ["the proxy for \(upstream)"],
            replayCommand: "contract-test proxy --upstream \(upstream)")
        try reportFiles.finish(summary, tokenVariable: tokenVariable.tokenEnv, baseline: known)
    }

    /// `#3 POST /developerprofile/api/v1/invitation → 200 in 4.2 ms: failed; content-type: ...`
    static func line(_ exchange: ProxyExchange) -> String {
        let request = exchange.recorded.exchange.request
        let status = exchange.recorded.exchange.response.map { String($0.status) } ?? "no answer"
        let target = RouteTable.pathPart(of: request.url)
        let milliseconds = String(format: "%.1f", exchange.recorded.exchange.duration * 1000)
        return "#\(exchange.number) \(request.method) \(target) → \(status) in \(milliseconds) ms: \(exchange.headerValue)"
    }
}
