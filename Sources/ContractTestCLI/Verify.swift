import ArgumentParser
import ContractRun

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

    @Option(help: "Judge only the traffic below this URL (default: the traffic to any server the document lists).")
    var baseURL: String?

    @OptionGroup var checkOptions: CheckOptions

    @OptionGroup var reportFiles: ReportFiles

    @OptionGroup var tokenVariable: TokenVariableOption

    func validate() throws {
        guard !traffic.isEmpty else { throw ValidationError("name at least one traffic file: a HAR file or a run.json report") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://, found '\(baseURL)'")
        }
    }

    func run() throws {
        let verification = TrafficVerification(
            contract: try contract.load(), checks: try checkOptions.selected(), maxResponseTime: checkOptions.responseTimeLimit, baseURL: baseURL)
        try reportFiles.finish(try verification.verify(files: traffic), tokenVariable: tokenVariable.tokenEnv)
    }
}
