import ArgumentParser
import BusinessRules
import ContractRun
import Foundation
import Logging
import MockServer
import OpenAPIModel
import ServiceLifecycle
import UnixSignals
import YAMLSource

/// `contract-test mock`: the API served from its contract, stateful, with named faults.
struct Mock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve an OpenAPI document as a stateful mock server.",
        discussion: """
            Routes, request checks and answers come from the document; business rules from the \
            rules file beside it (NAME.rules.yaml). Control routes: POST /__mock/clock \
            {"advanceDays": N}, POST /__mock/reset, GET /__mock/state, POST /__mock/oauth2/token \
            (OAuth2 client credentials). Stops on SIGINT or SIGTERM.
            """
    )

    @OptionGroup var contract: ContractOptions

    var spec: String { contract.source.spec }
    var rules: String? { contract.rules }

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "The one secret to accept for every security scheme, in its form: bearer token, API key, Basic password (default: any).")
    var token: String?

    @Option(name: .customLong("credential"), help: "SCHEME=SECRET: the secret this security scheme accepts instead (repeatable).")
    var credentials: [String] = []

    @Option(help: "Seed for generated values (ids): one seed, the same answers.")
    var seed: UInt64 = 1

    @Option(name: .customLong("fault"), help: "Drift from the contract in a named way (repeatable; see --list-faults).")
    var faults: [String] = []

    @Option(help: "Milliseconds to wait before every answer.")
    var latency: Int = 0

    @Option(help: "The client id its OAuth2 token endpoint (POST /__mock/oauth2/token, client credentials) knows; the client secret is --token.")
    var oauth2ClientId = "contract-test"

    @Option(help: ArgumentHelp("How long the tokens its token endpoint issues stay valid.", valueName: "seconds"))
    var tokenLifetime = 3600

    @Option(help: "A PEM certificate chain, to serve HTTPS (with --tls-key).")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "How many created resources to remember; beyond, expired ones are forgotten first, then the oldest, each with a warning.")
    var maxResources = 100_000

    @Option(help: "The least severe log lines to write to stderr: trace, debug, info (one per request), notice, warning, error or critical.")
    var logLevel = "info"

    @Flag(help: "List the faults and exit.")
    var listFaults = false

    func validate() throws {
        for name in faults where Fault(rawValue: name) == nil {
            throw ValidationError("unknown fault '\(name)': expected one of \(Fault.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, found \(port)") }
        guard latency >= 0 else { throw ValidationError("--latency must be 0 or more milliseconds") }
        guard tokenLifetime >= 1 else { throw ValidationError("--token-lifetime must be at least 1 second") }
        guard maxResources >= 1 else { throw ValidationError("--max-resources must be 1 or more, found \(maxResources)") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "unknown --log-level '\(logLevel)': expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        for credential in credentials where SchemeCredentials.pair(credential) == nil {
            throw ValidationError("--credential takes SCHEME=SECRET, found '\(credential.prefix { $0 != "=" })'")
        }
    }

    func run() async throws {
        if listFaults {
            let width = Fault.allCases.map(\.rawValue.count).max() ?? 0
            for fault in Fault.allCases {
                print(fault.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + fault.summary)
            }
            return
        }
        let loaded = try contract.load()
        let (document, businessRules) = (loaded.document, loaded.rules)
        let perScheme = SchemeCredentials.byScheme(credentials)
        try CredentialChoice.checkSchemes(perScheme.keys, in: loaded)
        let sink = BufferedLogHandler.Sink()
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in BufferedLogHandler(label: label, sink: sink, level: level) }
        defer { sink.flush() }
        let configuration = MockConfiguration(
            host: host, port: port, token: token, credentials: perScheme, seed: seed, faults: Set(faults.compactMap(Fault.init(rawValue:))),
            latency: .milliseconds(latency), maxResources: maxResources, tls: tlsCert.flatMap { cert in tlsKey.map { (cert, $0) } },
            oauth2ClientId: oauth2ClientId, tokenLifetime: .seconds(tokenLifetime))
        let logger = Logger(label: "contract-test.mock")
        let api = MockAPI(document: document, rules: businessRules, configuration: configuration, logger: logger)
        let server: any Service
        do {
            server = try MockServer.application(api) { port in
                let faults = configuration.faults.isEmpty ? "" : ", faults: " + configuration.faults.map(\.rawValue).sorted().joined(separator: ", ")
                Console.out(
                    "mock serving \(spec) at \(configuration.scheme)://\(host):\(port)\(api.basePath) (token: \(token == nil && perScheme.isEmpty ? "any" : "required")\(faults))"
                )
            }
        } catch {
            throw RunError.server("\(error)")
        }
        let group = ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        do {
            try await group.run()
        } catch {
            throw ListenFailure.runError(error, host: host, port: port)
        }
    }
}
