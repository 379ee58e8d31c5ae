import ArgumentParser
import Checks
import ContractRun
import Execution
import Foundation
import MockServer

/// Where a run's configuration file is, and which of its environments to use: `run`,
/// `cases` and `config` take these.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The configuration file (default: \(ConfigurationFile.defaultName) in the working directory, when there is one).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The configuration file's environment to run against (default: its 'environment').", valueName: "name"))
    var env: String?

    func fill(_ settings: inout RunSettings) {
        settings.configFile = config
        settings.environment = env
    }
}

/// Everything `run` can be told on its command line; `config` takes the same, to show what a
/// run would use. Options left out fall back to the configuration file, then to defaults.
struct RunOptions: ParsableArguments {
    /// Where to send the cases.
    enum TargetChoice: String, ExpressibleByArgument, CaseIterable {
        case mock, sandbox
    }

    @OptionGroup var configuration: ConfigurationOptions

    @OptionGroup var selection: CaseSelection

    @Option(help: "mock (the embedded mock, in-process; the default) or sandbox (the document's first server declaring x-live-data: false).")
    var target: TargetChoice?

    @Option(help: "Send the cases to this base URL instead (the server URL, path included).")
    var baseURL: String?

    @OptionGroup var credentials: CredentialOptions

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Run cases that create data even against a server that uses live data.")
    var allowLiveData = false

    @Option(
        help:
            "The most requests in flight at once; fewer while the target answers 429, 503 or Retry-After, or refuses connections (default: \(SuiteRunner.Options.defaultConcurrency))."
    )
    var concurrency: Int?

    @Option(help: "Retries on 429 and 503, honouring Retry-After, at most 10 s each (default: 3).")
    var retries: Int?

    @Option(
        name: [.customShort("H"), .customLong("header")],
        help: ArgumentHelp(
            "'Name: value': a header every request carries (repeatable); ${VAR} reads the value from the environment and is shown redacted.",
            valueName: "header"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("At most this many requests per second across the run (the requests of a race excepted).", valueName: "n"))
    var rateLimit: Double?

    @OptionGroup var checkOptions: CheckOptions

    @OptionGroup var reportFiles: ReportFiles

    @Option(name: .customLong("mock-fault"), help: "Run the embedded mock with this fault (repeatable): the gate's self-test.")
    var mockFaults: [String] = []

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let retries, retries < 0 { throw ValidationError("--retries must be 0 or more") }
        for name in mockFaults where Fault(rawValue: name) == nil {
            throw ValidationError("unknown fault '\(name)': expected one of \(Fault.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !mockFaults.isEmpty, baseURL != nil || target == .sandbox {
            throw ValidationError("--mock-fault applies to the embedded mock only (--target mock without --base-url)")
        }
        if baseURL != nil, target == .sandbox {
            throw ValidationError("give either --target sandbox or --base-url, not both")
        }
        if let rateLimit, !(rateLimit > 0 && rateLimit.isFinite) {
            throw ValidationError("--rate-limit must be a positive number of requests per second")
        }
        _ = try extraHeaders()
    }

    /// The `-H` headers, read.
    func extraHeaders() throws -> [ExtraHeader] {
        try headers.map { line in
            do throws(ExtraHeader.Problem) {
                return try ExtraHeader(parsing: line)
            } catch {
                throw ValidationError("-H/--header: \(error)")
            }
        }
    }

    /// What the command line says, before the configuration file and the defaults.
    func settings() throws -> RunSettings {
        var settings = RunSettings()
        configuration.fill(&settings)
        selection.fill(&settings)
        credentials.fill(&settings)
        try checkOptions.fill(&settings)
        reportFiles.fill(&settings)
        settings.target = target?.rawValue ?? (mockFaults.isEmpty ? nil : "mock")
        settings.baseURL = baseURL
        settings.mockFaults = mockFaults.isEmpty ? nil : mockFaults
        settings.allowLiveData = allowLiveData
        settings.caCert = connection.caCert
        settings.timeout = connection.timeout
        settings.concurrency = concurrency
        settings.retries = retries
        settings.headers = try extraHeaders()
        settings.rateLimit = rateLimit
        return settings
    }

    /// The run's settings as they take effect, the configuration file read.
    func effective() throws -> EffectiveRun {
        try EffectiveRun.resolve(settings(), environment: ProcessInfo.processInfo.environment)
    }
}
