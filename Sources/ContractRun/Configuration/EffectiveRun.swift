import CaseGeneration
import Checks
import Execution
import Foundation
import MockServer
import OpenAPIModel
import Reporting
import YAMLSource

/// A run's settings as they take effect: each flag given, else the configuration file's value
/// (its environment's first), else the default, with where it came from. `request()` makes the
/// run of them; `contract-test config` prints them.
public struct EffectiveRun: Sendable {
    /// The configuration file read, when one was.
    public var configFile: String?
    /// The environment of the file the run uses (`--env`, else the file's `environment`).
    public var environment: Setting<String>?
    /// The document, a path or a URL.
    public var spec: Setting<String>
    /// The business rules file, when one is named (else the one beside the document).
    public var rules: Setting<String>?
    /// Whether remote `$ref`s stay unfetched.
    public var noRemoteRefs: Setting<Bool>
    /// Where fetched remote documents are kept.
    public var refCache: Setting<String>?
    /// Where the cases go: the embedded mock, the sandbox, or a base URL.
    public var target: Setting<RunRequest.TargetChoice>
    /// Whether the target holds live data, when the file declares it.
    public var liveData: Setting<Bool>?
    /// `--allow-live-data`: cases that create data run on a live server too.
    public var allowLiveData: Bool

    /// The seed: the same seed, the same cases.
    public var seed: Setting<UInt64>
    /// The kinds of case to run.
    public var kinds: Setting<[CaseKind]>
    /// The operations to run; empty: all.
    public var operations: Setting<[String]>
    /// Random valid bodies per operation.
    public var examples: Setting<Int>
    /// The domain of generated addresses.
    public var emailDomain: Setting<String>
    /// Only these cases (`--case`), when any.
    public var caseIds: [String]
    /// The slice of the run this job runs.
    public var shard: Shard?

    /// Judge by these checks alone, when given.
    public var checksOnly: Setting<[CheckName]>?
    /// Checks that never judge.
    public var checksExcluded: Setting<[CheckName]>
    /// Whether undocumented response members fail.
    public var strict: Setting<Bool>
    /// The `response-time` check's limit in milliseconds; off when `nil`.
    public var maxResponseTime: Setting<Int>?

    /// The most requests in flight.
    public var concurrency: Setting<Int>
    /// Seconds per answer.
    public var timeout: Setting<Int>
    /// Retries on 429 and 503.
    public var retries: Setting<Int>
    /// Requests per second across the run, when limited.
    public var rateLimit: Setting<Double>?
    /// Headers every request carries.
    public var headers: [Setting<ExtraHeader>]

    /// The variable holding every scheme's secret.
    public var tokenEnv: Setting<String>
    /// A command printing the secret, when given.
    public var tokenCommand: Setting<String>?
    /// The OAuth2 token endpoint issuing the bearer token, when given.
    public var oauth2: Setting<CredentialChoice.OAuth2Choice>?
    /// Variables holding one scheme's secret each.
    public var schemeVariables: [(scheme: String, variable: Setting<String>)]
    /// The user name HTTP Basic sends.
    public var basicUser: Setting<String>
    /// A client certificate chain and its key, for mutualTLS.
    public var clientCertificate: Setting<(chain: String, key: String)>?
    /// A CA to trust for HTTPS.
    public var caCert: Setting<String>?

    /// The JUnit XML report's path.
    public var junit: Setting<String>
    /// The run as JSON's path.
    public var json: Setting<String>
    /// The HTML report's path.
    public var html: Setting<String>
    /// The HAR file's path, when one is written.
    public var har: Setting<String>?
    /// How many distinct problems the terminal shows in full.
    public var showProblems: Setting<Int>
    /// The known problems to judge by.
    public var baseline: Setting<String>?
    /// Where the run's problems are written as a baseline.
    public var writeBaseline: String?

    /// The operations' exceptions, with their headers.
    public var overrides: [(override: OperationOverride, headers: [ExtraHeader])]

    /// Reads the configuration file `flags` names (or `contract-test.yaml` in the working
    /// directory, when there is one) and works out every setting; what cannot be used is
    /// refused with where.
    public static func resolve(
        _ flags: RunSettings, environment: [String: String],
        defaultFile: String? = ConfigurationFile.defaultName
    ) throws(RunError) -> EffectiveRun {
        var file: ConfigurationFile?
        let path = flags.configFile ?? defaultFile.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        var sources: [SourceFile] = []
        if let path {
            let read = ConfigurationFile.read(file: path)
            sources = read.source.map { [$0] } ?? []
            guard let configuration = read.configuration else { throw .configuration(read.diagnostics, sources: sources) }
            file = configuration
        }
        var resolver = Resolver(environment: environment)
        let run = try resolver.resolve(flags, file: file)
        if resolver.diagnostics.containsError { throw .configuration(resolver.diagnostics, sources: sources) }
        return run
    }

    /// The run these settings ask for.
    public func request(environment: [String: String]) -> RunRequest {
        var loader = OpenAPILoader()
        if !noRemoteRefs.value {
            loader.remoteDocuments = RemoteDocumentCache(directory: refCache?.value ?? RemoteDocumentCache.defaultDirectory)
        }
        var cases = CaseChoice(
            seed: seed.value, emailDomain: emailDomain.value, operations: operations.value, kinds: Set(kinds.value),
            examples: examples.value, caseIds: caseIds, shard: shard)
        cases.replayOptions = (configFile.map { ["--config", $0] + (self.environment.map { ["--env", $0.value] } ?? []) } ?? []) + replayFlags
        let credentials = CredentialChoice(
            tokenVariable: tokenEnv.value, tokenCommand: tokenCommand?.value, oauth2: oauth2?.value,
            schemeVariables: Dictionary(schemeVariables.map { ($0.scheme, $0.variable.value) }, uniquingKeysWith: { $1 }),
            basicUser: basicUser.value, clientCertificate: clientCertificate?.value)
        var request = RunRequest(
            contract: ContractSource(spec: spec.value, rules: rules?.value, loader: loader), cases: cases, target: target.value,
            credentials: credentials, caCertificates: caCert?.value, allowLiveData: allowLiveData, concurrency: concurrency.value,
            timeout: .seconds(timeout.value), retries: retries.value,
            checks: CheckName.selection(only: checksOnly?.value, excluded: checksExcluded.value, strict: strict.value, timed: maxResponseTime != nil),
            maxResponseTime: maxResponseTime.map { Double($0.value) / 1000 }, headers: headers.map(\.value),
            operationHeaders: Dictionary(overrides.map { ($0.override.operationId, $0.headers) }, uniquingKeysWith: { $1 }),
            rateLimit: rateLimit?.value, environment: environment)
        request.liveData = liveData?.value
        request.targetName = self.environment?.value
        request.overrides = overrides.map(\.override)
        return request
    }

    /// What a replay must say besides the configuration file (which says the rest) and the
    /// cases' own settings: the options given as flags that shape a case's request or verdict.
    var replayFlags: [String] {
        var flags: [String] = []
        if case .flag = target.origin {
            switch target.value {
            case .sandbox: flags.append("--target sandbox")
            case .baseURL(let url): flags.append("--base-url \(CurlCommand.quote(url))")
            case .mock: break
            }
        }
        for header in headers {
            if case .flag = header.origin { flags.append("-H \(CurlCommand.quote("\(header.value.name): \(header.value.value)"))") }
        }
        if let only = checksOnly, case .flag = only.origin { flags.append("--checks \(only.value.map(\.rawValue).joined(separator: ","))") }
        if case .flag = checksExcluded.origin, !checksExcluded.value.isEmpty {
            flags.append("--exclude-checks \(checksExcluded.value.map(\.rawValue).joined(separator: ","))")
        }
        if case .flag = strict.origin, strict.value { flags.append("--strict") }
        if let limit = maxResponseTime, case .flag = limit.origin { flags.append("--max-response-time \(limit.value)") }
        return flags
    }

    /// Where the reports go.
    public var reportPaths: ReportPaths {
        ReportPaths(junit: junit.value, json: json.value, html: html.value, har: har?.value, baseline: writeBaseline)
    }
}

/// Works the settings out, noting what cannot be used.
private struct Resolver {
    let environment: [String: String]
    var diagnostics: [Diagnostic] = []
    /// The file's environment in use, and its name.
    var chosen: ConfigurationFile.Environment?

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// A file's origin: in the chosen environment or at the top.
    func origin(_ mark: Mark, inEnvironment: Bool) -> SettingOrigin {
        inEnvironment ? .environment(chosen?.name ?? "", mark) : .file(mark)
    }

    /// A file's text with its variables read; an unset one is an error where it is written.
    mutating func text(_ sourced: Sourced<VariableText>?, _ key: String, inEnvironment: Bool = false) -> Setting<String>? {
        guard let sourced else { return nil }
        do throws(VariableText.UnsetVariable) {
            return Setting(
                try sourced.value.resolved(in: environment), origin(sourced.mark, inEnvironment: inEnvironment),
                written: sourced.value.isSecret ? sourced.value.description : nil)
        } catch {
            diagnostics.append(.error("'\(key)' reads ${\(error.name)}, which is not set", at: sourced.mark))
            return nil
        }
    }

    /// The flag, else the environment's value, else the file's, else nothing.
    mutating func pick<Value>(_ flag: Value?, _ name: String, environment: Sourced<Value>?, file: Sourced<Value>?) -> Setting<Value>? {
        if let flag { return Setting(flag, .flag(name)) }
        if let environment { return Setting(environment.value, origin(environment.mark, inEnvironment: true)) }
        if let file { return Setting(file.value, .file(file.mark)) }
        return nil
    }

    mutating func pickText(_ flag: String?, _ name: String, _ key: String, environment: Sourced<VariableText>?, file: Sourced<VariableText>?)
        -> Setting<String>?
    {
        if let flag { return Setting(flag, .flag(name)) }
        if let environment { return text(environment, key, inEnvironment: true) }
        return text(file, key)
    }

    mutating func resolve(_ flags: RunSettings, file: ConfigurationFile?) throws(RunError) -> EffectiveRun {
        if let name = flags.environment {
            guard let file else { throw .noConfigurationForEnvironment(name) }
            guard let found = file.environment(named: name) else {
                throw .unknownEnvironment(name, file: file.path, known: file.environments.map(\.name))
            }
            chosen = found
        } else if let name = file?.environment {
            chosen = file?.environment(named: name.value)
        }
        let env = chosen
        let top = file ?? ConfigurationFile(path: "")
        let environmentName: Setting<String>? =
            flags.environment.map { Setting($0, .flag("--env")) }
            ?? file?.environment.map { Setting($0.value, .file($0.mark)) }

        // Where the cases go.
        let target: Setting<RunRequest.TargetChoice>
        if let url = flags.baseURL {
            target = Setting(.baseURL(url), .flag("--base-url"))
        } else if let choice = flags.target {
            target = Setting(
                choice == "sandbox" ? .sandbox : .mock(faults: Set((flags.mockFaults ?? []).compactMap(Fault.init(rawValue:)))), .flag("--target"))
        } else if let env, let url = text(env.baseURL, "base-url", inEnvironment: true) {
            target = Setting(.baseURL(url.value), url.origin, written: url.written)
        } else if let env, let choice = env.target {
            let faults = flags.mockFaults ?? env.mockFaults?.value ?? []
            target = Setting(
                choice.value == "sandbox" ? .sandbox : .mock(faults: Set(faults.compactMap(Fault.init(rawValue:)))),
                origin(choice.mark, inEnvironment: true))
        } else {
            target = Setting(
                .mock(faults: Set((flags.mockFaults ?? []).compactMap(Fault.init(rawValue:)))),
                flags.mockFaults == nil ? .builtIn : .flag("--mock-fault"))
        }

        let spec = pickText(flags.spec, "--spec", "spec", environment: nil, file: top.spec) ?? Setting(ContractSource.defaultSpec, .builtIn)
        let kinds =
            flags.kinds.map { Setting($0, .flag("--kind")) }
            ?? top.cases.kinds.map { Setting($0.value.compactMap(CaseKind.init(rawValue:)), .file($0.mark)) }
            ?? Setting(CaseKind.generated, .builtIn)

        // Credentials: flags, else the environment's fields, else the file's.
        let envCredentials = env?.credentials ?? ConfigurationFile.Credentials()
        let fileCredentials = top.credentials
        var oauth2: Setting<CredentialChoice.OAuth2Choice>?
        if let url = flags.oauth2TokenURL {
            oauth2 = Setting(
                CredentialChoice.OAuth2Choice(
                    tokenURL: url, clientIdVariable: flags.oauth2ClientIdEnv ?? "OAUTH2_CLIENT_ID",
                    clientSecretVariable: flags.oauth2ClientSecretEnv ?? "OAUTH2_CLIENT_SECRET", scope: flags.oauth2Scope,
                    clientAuthentication: flags.oauth2ClientAuth ?? .basic), .flag("--oauth2-token-url"))
        } else if flags.tokenCommand == nil, let declared = envCredentials.oauth2 ?? fileCredentials.oauth2 {
            let inEnvironment = envCredentials.oauth2 != nil
            if let url = text(declared.tokenURL, "token-url", inEnvironment: inEnvironment) {
                oauth2 = Setting(
                    CredentialChoice.OAuth2Choice(
                        tokenURL: url.value, clientIdVariable: flags.oauth2ClientIdEnv ?? declared.clientIdEnv?.value ?? "OAUTH2_CLIENT_ID",
                        clientSecretVariable: flags.oauth2ClientSecretEnv ?? declared.clientSecretEnv?.value ?? "OAUTH2_CLIENT_SECRET",
                        scope: flags.oauth2Scope ?? text(declared.scope, "scope", inEnvironment: inEnvironment)?.value,
                        clientAuthentication: flags.oauth2ClientAuth ?? declared.clientAuth?.value ?? .basic),
                    origin(declared.mark, inEnvironment: inEnvironment))
            }
        }
        let tokenCommand =
            oauth2 == nil || flags.tokenCommand != nil
            ? pickText(
                flags.tokenCommand, "--token-command", "token-command", environment: envCredentials.tokenCommand, file: fileCredentials.tokenCommand)
            : nil
        if flags.tokenCommand != nil { oauth2 = nil }
        var schemes: [String: Setting<String>] = [:]
        for entry in fileCredentials.schemes { schemes[entry.value.scheme] = Setting(entry.value.variable, .file(entry.mark)) }
        for entry in envCredentials.schemes { schemes[entry.value.scheme] = Setting(entry.value.variable, origin(entry.mark, inEnvironment: true)) }
        for (scheme, variable) in flags.schemeVariables { schemes[scheme] = Setting(variable, .flag("--credential")) }
        let chain = pickText(
            flags.clientCert, "--client-cert", "client-cert", environment: envCredentials.clientCert, file: fileCredentials.clientCert)
        let key = pickText(flags.clientKey, "--client-key", "client-key", environment: envCredentials.clientKey, file: fileCredentials.clientKey)

        // Headers: the file's, the environment's over them by name, the flags' over both.
        var headers: [Setting<ExtraHeader>] = top.headers.map { Setting($0.value, .file($0.mark)) }
        func place(_ header: Setting<ExtraHeader>) {
            headers.removeAll { $0.value.name.lowercased() == header.value.name.lowercased() }
            headers.append(header)
        }
        // A header read from a variable the environment does not set is refused where the file writes it.
        for header in top.headers + (env?.headers ?? []) + top.overrides.flatMap(\.headers) {
            for variable in header.value.value.variables where (environment[variable] ?? "").isEmpty {
                diagnostics.append(.error("header \(header.value.name) reads ${\(variable)}, which is not set", at: header.mark))
            }
        }
        for header in env?.headers ?? [] { place(Setting(header.value, origin(header.mark, inEnvironment: true))) }
        for header in flags.headers { place(Setting(header, .flag("-H"))) }

        let envBudget = env?.budget ?? ConfigurationFile.Budget()
        let maxResponseTime = pick(flags.maxResponseTime, "--max-response-time", environment: nil, file: top.checks.maxResponseTime)
        if let only = flags.checksOnly ?? top.checks.only?.value, only.contains(.responseTime), maxResponseTime == nil {
            diagnostics.append(
                .error(
                    "the checks name response-time: give max-response-time (milliseconds), the time an answer may take",
                    at: top.checks.only?.mark))
        }
        return EffectiveRun(
            configFile: file?.path, environment: environmentName, spec: spec,
            rules: pickText(flags.rules, "--rules", "rules", environment: nil, file: top.rules),
            noRemoteRefs: pick(flags.noRemoteRefs, "--no-remote-refs", environment: nil, file: top.noRemoteRefs) ?? Setting(false, .builtIn),
            refCache: pickText(flags.refCache, "--ref-cache", "ref-cache", environment: nil, file: top.refCache),
            target: target,
            liveData: env?.liveData.map { Setting($0.value, origin($0.mark, inEnvironment: true)) },
            allowLiveData: flags.allowLiveData,
            seed: pick(flags.seed, "--seed", environment: nil, file: top.cases.seed) ?? Setting(1, .builtIn),
            kinds: kinds,
            operations: pick(flags.operations, "--operation", environment: nil, file: top.cases.operations) ?? Setting([], .builtIn),
            examples: pick(flags.examples, "--examples", environment: nil, file: top.cases.examples)
                ?? Setting(CaseOptions.defaultExamples, .builtIn),
            emailDomain: pickText(flags.emailDomain, "--email-domain", "email-domain", environment: nil, file: top.cases.emailDomain)
                ?? Setting("example.com", .builtIn),
            caseIds: flags.caseIds, shard: flags.shard,
            checksOnly: pick(flags.checksOnly, "--checks", environment: nil, file: top.checks.only),
            checksExcluded: pick(flags.checksExcluded, "--exclude-checks", environment: nil, file: top.checks.exclude) ?? Setting([], .builtIn),
            strict: pick(flags.strict, "--strict", environment: nil, file: top.checks.strict) ?? Setting(false, .builtIn),
            maxResponseTime: maxResponseTime,
            concurrency: pick(flags.concurrency, "--concurrency", environment: envBudget.concurrency, file: top.budget.concurrency)
                ?? Setting(SuiteRunner.Options.defaultConcurrency, .builtIn),
            timeout: pick(flags.timeout, "--timeout", environment: envBudget.timeout, file: top.budget.timeout) ?? Setting(30, .builtIn),
            retries: pick(flags.retries, "--retries", environment: envBudget.retries, file: top.budget.retries) ?? Setting(3, .builtIn),
            rateLimit: pick(flags.rateLimit, "--rate-limit", environment: envBudget.rateLimit, file: top.budget.rateLimit),
            headers: headers,
            tokenEnv: pick(flags.tokenEnv, "--token-env", environment: envCredentials.tokenEnv, file: fileCredentials.tokenEnv)
                ?? Setting("PARTNER_API_TOKEN", .builtIn),
            tokenCommand: tokenCommand, oauth2: oauth2,
            schemeVariables: schemes.keys.sorted().compactMap { scheme in schemes[scheme].map { (scheme, $0) } },
            basicUser: pickText(flags.basicUser, "--basic-user", "basic-user", environment: envCredentials.basicUser, file: fileCredentials.basicUser)
                ?? Setting("contract-test", .builtIn),
            clientCertificate: chain.flatMap { chain in key.map { Setting((chain.value, $0.value), chain.origin) } },
            caCert: pickText(flags.caCert, "--ca-cert", "ca-cert", environment: env?.caCert, file: top.caCert),
            junit: pickText(flags.junit, "--junit", "junit", environment: nil, file: top.reports.junit) ?? Setting("reports/junit.xml", .builtIn),
            json: pickText(flags.json, "--json", "json", environment: nil, file: top.reports.json) ?? Setting("reports/run.json", .builtIn),
            html: pickText(flags.html, "--html", "html", environment: nil, file: top.reports.html) ?? Setting("reports/report.html", .builtIn),
            har: pickText(flags.har, "--har", "har", environment: nil, file: top.reports.har),
            showProblems: pick(flags.showProblems, "--show-problems", environment: nil, file: top.reports.showProblems)
                ?? Setting(TerminalReport.defaultShownProblems, .builtIn),
            baseline: pickText(flags.baseline, "--baseline", "baseline", environment: nil, file: top.baseline),
            writeBaseline: flags.writeBaseline,
            overrides: top.overrides.map { override in
                (
                    OperationOverride(
                        operationId: override.operationId, reason: override.reason, place: override.mark.description,
                        extraStatuses: Set(override.expectStatuses), excludedChecks: Set(override.excludeChecks), skip: override.skip,
                        runLast: override.runLast),
                    override.headers.map(\.value)
                )
            })
    }
}
