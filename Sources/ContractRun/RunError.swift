import Checks
import Execution
import Reporting
import YAMLSource

/// Why a command cannot do what it was asked: every stage of the pipeline throws this one type,
/// and one place (the executable's entry point) prints `description` and exits with `status`.
/// Each case carries the facts as values; the words are made only here.
public enum RunError: Error, Sendable {
    /// The document, or its rules, has errors that stop the run: the diagnostics and the
    /// files they quote.
    case contract([Diagnostic], sources: [SourceFile])
    /// The baseline file cannot be read or says something it may not.
    case baseline([Diagnostic], sources: [SourceFile])
    /// The configuration file cannot be read, or a value it gives cannot be used.
    case configuration([Diagnostic], sources: [SourceFile])
    /// `--env` without a configuration file to define it.
    case noConfigurationForEnvironment(String)
    /// `--env` names an environment the configuration file does not define.
    case unknownEnvironment(String, file: String, known: [String])
    /// `--operation` names no operation of the document.
    case unknownOperation(String, spec: String, known: [String])
    /// `--case` names no case of this seed.
    case unknownCase(String, seed: UInt64, spec: String)
    /// GitLab's parallel-job variables name no slice.
    case shardEnvironment(index: String, total: String)
    /// `--base-url` (or a traffic filter) is not an http(s) URL.
    case notHTTP(option: String, found: String)
    /// `--target sandbox`, but the document names no sandbox server.
    case noSandbox(spec: String)
    /// `--credential` names a scheme the document does not define.
    case unknownScheme(String, spec: String, defined: [String])
    /// A scheme's secret variable is not set.
    case unsetSchemeVariable(scheme: String, variable: String)
    /// The cases need the fallback secret and none is set.
    case noToken(variable: String, schemes: [String])
    /// A token source (variable or command) failed.
    case tokenSource(TokenSource.Failure)
    /// The HTTP client cannot be set up (a CA or client certificate that cannot be used).
    case transport(TransportError)
    /// A server of the tool's own (the embedded mock, the proxy) could not start or stopped.
    case server(String)
    /// A server of the tool's own could not listen where it was asked to.
    case listen(host: String, port: Int, ListenFailure)
    /// A report could not be written.
    case cannotWrite(ReportKind, path: String, reason: String)
    /// A traffic file cannot be read as traffic.
    case traffic(TrafficFile.ReadError)
    /// None of the recorded exchanges went to the judged server.
    case noTrafficToTarget(exchanges: Int, target: String?, spec: String, servers: [String])
    /// A slice's report was written by another version.
    case reportFormat(path: String, found: Int)
    /// A file given to `merge` is not a run report.
    case notAReport(path: String, reason: String)
    /// A file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The slices given to `merge` are not the slices of one run.
    case merge(StoredRun.MergeError)
    /// `validate`'s options name no schema of the document: why.
    case noSchema(String)
    /// An extra header (`-H`) cannot be sent: its words.
    case header(ExtraHeader.Problem)
    /// An extra header carries a security scheme's credential.
    case headerOfScheme(String, scheme: String, spec: String)
    /// A proxy variable (`HTTPS_PROXY`) cannot be used.
    case proxy(ProxyChoice.Problem)

    /// The exit status this error ends a command with.
    public var status: ExitStatus { .usage }
}

/// The reports a run writes, named in errors.
public enum ReportKind: String, Sendable, CaseIterable {
    case junit = "the JUnit report"
    case json = "the JSON report"
    case html = "the HTML report"
    case har = "the HAR file"
    case baseline = "the baseline"
}

extension RunError: CustomStringConvertible {
    /// What the user reads on standard error: where, and what was expected.
    public var description: String {
        switch self {
        case .contract(let diagnostics, let sources), .baseline(let diagnostics, let sources), .configuration(let diagnostics, let sources):
            return DiagnosticRenderer(sources: sources).render(diagnostics)
        case .noConfigurationForEnvironment(let name):
            return
                "error: --env \(name) needs a configuration file that defines it: none was given (--config FILE) and there is no \(ConfigurationFile.defaultName) here"
        case .unknownEnvironment(let name, let file, let known):
            let listed = known.isEmpty ? "it defines none" : "expected one of " + known.joined(separator: ", ")
            return "error: no environment '\(name)' in \(file): \(listed)"
        case .unknownOperation(let name, let spec, let known):
            return "error: no operation '\(name)' in \(spec): expected one of \(known.sorted().joined(separator: ", "))"
        case .unknownCase(let id, let seed, let spec):
            return "error: no case '\(id)' for seed \(seed) in \(spec): `contract-test cases --seed \(seed)` lists every case with its id"
        case .shardEnvironment(let index, let total):
            return "error: CI_NODE_INDEX=\(index) and CI_NODE_TOTAL=\(total) do not name a slice: expected 1 ≤ index ≤ total"
        case .notHTTP(let option, let found):
            return "error: \(option) must start with http:// or https://, found '\(found)'"
        case .noSandbox(let spec):
            return
                "error: \(spec) declares no sandbox: expected a server with 'x-live-data: false' (it takes test data); declare one, or use --base-url"
        case .unknownScheme(let scheme, let spec, let defined):
            let known = defined.isEmpty ? "it defines none" : "expected one of " + defined.joined(separator: ", ")
            return "error: --credential names '\(scheme)', which is not a security scheme of \(spec): \(known)"
        case .unsetSchemeVariable(let scheme, let variable):
            return "error: no secret for security scheme '\(scheme)': $\(variable) is not set (--credential \(scheme)=\(variable))"
        case .noToken(let variable, let schemes):
            return "error: no token: set $\(variable) (or --token-env NAME) or pass --token-command; "
                + "needed by the security scheme\(schemes.count == 1 ? "" : "s") \(schemes.joined(separator: ", "))"
        case .tokenSource(let failure):
            return "error: \(failure)"
        case .transport(let error):
            return "error: \(error)"
        case .server(let reason):
            return "error: \(reason)"
        case .listen(let host, let port, let failure):
            return "error: cannot listen on \(host):\(port): \(failure.words(port: port))"
        case .cannotWrite(let kind, let path, let reason):
            return "error: cannot write \(kind.rawValue) to \(path): \(reason)"
        case .traffic(let error):
            return "error: \(error)"
        case .noTrafficToTarget(let exchanges, let target, let spec, let servers):
            return
                "error: none of the \(exchanges) exchanges is addressed to \(target ?? "a server of \(spec)") (\(servers.joined(separator: ", "))): give --base-url with the URL the traffic went to"
        case .reportFormat(let path, let found):
            return
                "error: \(path) was written by another version of contract-test (report format \(found); this one reads \(StoredRun.currentFormat)): run every slice with one version"
        case .notAReport(let path, let reason):
            return "error: \(path) is not a contract-test JSON report (\(reason)): expected what run --json writes"
        case .unreadable(let path, let reason):
            return "error: cannot read \(path): \(reason)"
        case .merge(let error):
            return "error: \(error)"
        case .noSchema(let reason):
            return "error: \(reason)"
        case .header(let problem):
            return "error: \(problem)"
        case .headerOfScheme(let name, let scheme, let spec):
            return
                "error: header \(name) carries the security scheme '\(scheme)' of \(spec): give its secret with --credential \(scheme)=ENV_VAR, so that auth cases can leave it out"
        case .proxy(let problem):
            return "error: \(problem)"
        }
    }
}
