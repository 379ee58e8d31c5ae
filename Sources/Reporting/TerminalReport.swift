import CaseGeneration
import Checks
import Execution
import Foundation

/// The run for people at a terminal: a table per operation (with the documented responses seen
/// and never seen), the most frequent problems with their reproductions, and a last line with the
/// verdict. It stays readable at scale: past `shownProblems` problems, errors or skips it counts
/// the rest, and past `foldedOperationsAbove` operations it folds the ones that passed every case
/// into one line (the JUnit and HTML reports keep everything). Colour only on a terminal and
/// without `NO_COLOR`.
public struct TerminalReport {
    /// The run.
    public var summary: RunSummary
    /// Whether to color the verdicts (a terminal).
    public var color: Bool
    /// The variable reproductions name for the secret.
    public var tokenVariable: String
    /// Where the JUnit report was written, to name it.
    public var junitPath: String?
    /// Where the HTML report was written, to name it.
    public var htmlPath: String?
    /// How many distinct problems (and errors, and skipped cases) are printed in full.
    public var shownProblems = Self.defaultShownProblems

    /// Ten: a screenful of problems, the most frequent first.
    public static let defaultShownProblems = 10
    /// Operations beyond this many are listed only when a case of theirs did not pass.
    public static let foldedOperationsAbove = 20

    /// The summary of `summary` for the terminal.
    public init(summary: RunSummary, color: Bool, tokenVariable: String, junitPath: String?, htmlPath: String? = nil) {
        self.summary = summary
        self.color = color
        self.tokenVariable = tokenVariable
        self.junitPath = junitPath
        self.htmlPath = htmlPath
    }

    /// Whether standard output is a terminal and `NO_COLOR` is unset.
    public static var colorAllowed: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The summary: header, operations, problems, reproductions, verdict line.
    public var text: String {
        var lines: [String] = []
        let slice = summary.shard.map { ", slice \($0) (\(summary.results.count) of \(summary.plannedCases) cases)" } ?? ""
        if let traffic = summary.traffic {
            lines.append(
                "contract-test: traffic from \(traffic.files.joined(separator: ", ")) against \(summary.specPath) (\(summary.target.baseURL))")
        } else {
            let fetched = summary.specSHA256.map { " (sha256 \($0.prefix(12)))" } ?? ""
            lines.append(
                "contract-test: \(summary.specPath)\(fetched) against \(summary.target.name) (\(summary.target.baseURL)), seed \(summary.seed)\(slice)"
            )
        }
        if summary.documentedStatuses.isEmpty {
            lines.append("  nothing to send: the document has no operations (webhooks only, or no paths)")
        }
        let operations = summary.byOperation
        let folding = operations.count > Self.foldedOperationsAbove
        let listed = folding ? operations.filter { $0.results.contains { !$0.isPassed } } : operations
        let width = listed.map(\.operationId.count).max() ?? 0
        for (operationId, results) in listed {
            let failed = results.filter(\.isFailure).count
            let errors = results.filter(\.isError).count
            let skipped = results.filter(\.isSkipped).count
            let passed = results.count - failed - errors - skipped
            var line = "  " + operationId.padding(toLength: width, withPad: " ", startingAt: 0)
            line += "  \(Self.count(results.count, "case")): \(passed) passed, \(failed) failed, \(errors) errors, \(skipped) skipped"
            lines.append(line)
            if let classes = summary.classCoverage(operationId) { lines.append("    explored: \(classes.words)") }
            let coverage = summary.coverage(operationId)
            let extra = coverage.undocumented.map { String($0.status) }
            if coverage.documented.isEmpty {
                lines.append("    no responses documented: any answer but a 5xx is accepted (seen: \(extra.joined(separator: ", ")))")
                continue
            }
            var statuses = "    documented responses seen: " + (coverage.seen.isEmpty ? "none" : coverage.seen.joined(separator: ", "))
            if !coverage.never.isEmpty { statuses += "; never: " + coverage.never.joined(separator: ", ") }
            if !extra.isEmpty { statuses += "; also seen, not documented: " + extra.joined(separator: ", ") }
            lines.append(statuses)
        }
        if folding, operations.count > listed.count {
            lines.append(
                "  \(Self.count(operations.count - listed.count, "more operation")): every case passed (their tables are in the HTML report)")
        }
        let comparison = summary.comparison
        let accepted = comparison?.accepted ?? []
        // Problems the baseline accepts are listed apart; the rest fail the run.
        let problems = summary.problems.filter { !accepted.contains($0.fingerprint) }
        let expired = Dictionary((comparison?.expired ?? []).map { ($0.problem.fingerprint, $0.entry) }, uniquingKeysWith: { first, _ in first })
        if !problems.isEmpty {
            lines.append("")
            lines.append(
                paint("FAILURES", "1;31") + ": \(Self.count(summary.failures, "failing case")) from \(Self.count(problems.count, "distinct problem"))"
                    + (comparison == nil ? "" : " the baseline does not accept")
                    + (problems.count > shownProblems ? ", the \(shownProblems) most frequent in full" : ""))
            for (number, problem) in problems.prefix(shownProblems).enumerated() {
                lines.append("  \(number + 1). \(problem.operationId) › \(problem.headline)")
                if let entry = expired[problem.fingerprint] {
                    lines.append("     the baseline accepted it until \(entry.expires ?? "") (\(entry.mark)): expired, so it fails again")
                }
                lines += caseLines(problem.results[0]).map { "     " + $0 }
                let members = problem.requestMembers
                if members.count > 1 || (members.count == 1 && problem.example.causedBySentValue != true) {
                    lines.append("     shown when sending: \(members.prefix(8).joined(separator: ", "))\(members.count > 8 ? ", …" : "")")
                }
                let others = problem.results.dropFirst()
                if !others.isEmpty {
                    let listed = others.prefix(5).map { "\($0.testCase.kind.rawValue): \($0.testCase.name) [\($0.testCase.id)]" }
                    lines.append(
                        "     also shown by \(Self.count(others.count, "more case")): " + listed.joined(separator: "; ")
                            + (others.count > 5 ? "; …" : ""))
                }
            }
            let rest = problems.dropFirst(shownProblems)
            if !rest.isEmpty {
                let cases = Set(rest.flatMap { $0.results.map(\.testCase.id) }).count
                lines.append(
                    "  … and \(Self.count(rest.count, "more distinct problem")) (shown by \(Self.count(cases, "case"))), each in the JUnit and HTML reports"
                )
            }
        }
        if let comparison { lines += baselineLines(comparison) }
        let errors = summary.results.filter(\.isError)
        if !errors.isEmpty {
            lines.append("")
            lines.append(paint("ERRORS", "1;31"))
            for result in errors.prefix(shownProblems) {
                lines.append("  \(result.testCase.operationId) › \(result.testCase.kind.rawValue): \(result.testCase.name)")
                if case .error(let problem) = result.outcome { lines.append("    error: \(problem)") }
                if let exchange = result.culprit {
                    lines.append("    reproduce: \(CurlCommand.make(exchange.request, tokenVariable: tokenVariable))")
                }
            }
            if errors.count > shownProblems {
                lines.append("  … and \(Self.count(errors.count - shownProblems, "more error")), each in the JUnit and HTML reports")
            }
        }
        let skipped = summary.results.filter(\.isSkipped)
        if !skipped.isEmpty {
            lines.append("")
            lines.append("SKIPPED")
            for result in skipped.prefix(shownProblems) {
                if case .skipped(let reason) = result.outcome {
                    lines.append("  \(result.testCase.operationId) › \(result.testCase.kind.rawValue): \(result.testCase.name): \(reason)")
                }
            }
            if skipped.count > shownProblems {
                lines.append("  … and \(Self.count(skipped.count - shownProblems, "more skipped case")), each in the JUnit and HTML reports")
            }
        }
        if let gone = summary.credentialsGone { lines += credentialLines(gone) }
        if let traffic = summary.traffic { lines += trafficLines(traffic) }
        if let limit = summary.responseTimeLimit { lines += slowestLines(limit: limit) }
        lines.append("")
        if let pressure = summary.pressure, pressure.backedOff {
            lines.append("The target asked for less: \(pressure.words).")
        }
        let rate = summary.duration > 0 ? Double(summary.results.count) / summary.duration : 0
        let known = comparison == nil ? "" : ", \(summary.knownFailures) known"
        let counts = "\(summary.passed) passed, \(summary.failures) failed\(known), \(summary.errors) errors, \(summary.skipped) skipped"
        let verdict = paint(summary.verdict.rawValue, summary.verdict.isGreen ? "1;32" : "1;31")
        var last =
            "\(verdict): \(counts) (\(Self.count(summary.results.count, "case")) in \(String(format: "%.2f", summary.duration)) s, \(String(format: "%.0f", rate)) cases/s)"
        if !problems.isEmpty { last += "; \(Self.count(problems.count, "distinct problem"))" }
        if let comparison, !comparison.known.isEmpty { last += "; \(comparison.known.count) known in the baseline" }
        if let junitPath { last += "; JUnit report: \(junitPath)" }
        if let htmlPath { last += "; HTML report: \(htmlPath)" }
        lines.append(last)
        return lines.joined(separator: "\n")
    }

    /// Why the run's credentials stopped being accepted, and what to do: the answer that refused
    /// them, where the secret came from, and for credentials lost mid-run the case that likely
    /// changed them with how to keep it from doing so.
    func credentialLines(_ reason: SkipReason) -> [String] {
        let notJudged = summary.results.filter { $0.outcome == .skipped(reason) }.count
        let source = summary.credentialSource.map { " (the secret from \($0))" } ?? ""
        switch reason {
        case .credentialsRefused(let request, let status, let challenge, let schemes):
            return [
                "", paint("CREDENTIALS REFUSED", "1;31") + ": nothing was judged, for the API's answers to refused credentials say nothing of it",
                "  \(request) with the secret of \(schemes.joined(separator: ", "))\(source) got \(status)"
                    + (challenge.map { "; WWW-Authenticate: \($0)" } ?? "; no WWW-Authenticate"),
                "  check the secret (expired, of another environment, missing a scope) and run again",
            ]
        case .credentialsLost(let afterCase, let operationId, let request):
            var lines = [
                "",
                paint("CREDENTIALS LOST", "1;31") + ": the credentials\(source) were no longer accepted after case '\(afterCase)'"
                    + (request.map { " (\($0))" } ?? "") + "; \(Self.count(notJudged, "authenticated case")) after it not judged",
            ]
            if let operationId {
                lines.append(
                    "  if \(operationId) changes the run's credentials or the server's settings, keep it from the run: in contract-test.yaml, "
                        + "overrides: {\(operationId): {skip: true, reason: ...}}, or {run-last: true, reason: ...} to run it after every other case")
            }
            return lines
        default:
            return []
        }
    }

    /// The slowest answers beside the time allowed (`--max-response-time`).
    func slowestLines(limit: Double) -> [String] {
        let slowest = summary.slowestAnswers(5)
        guard !slowest.isEmpty else { return [] }
        let over = summary.results.filter { $0.exchanges.contains { ($0.answerTime ?? 0) > limit } }.count
        var lines = ["", "SLOWEST ANSWERS (allowed: \(Int((limit * 1000).rounded())) ms; \(Self.count(over, "case")) over)"]
        for (result, seconds) in slowest {
            lines.append(
                "  \(Int((seconds * 1000).rounded())) ms  \(result.testCase.operationId) › \(result.testCase.kind.rawValue): \(result.testCase.name) [\(result.testCase.id)]"
            )
        }
        return lines
    }

    /// What the baseline accepted, and its entries the run no longer shows.
    func baselineLines(_ comparison: BaselineComparison) -> [String] {
        var lines: [String] = []
        if !comparison.known.isEmpty {
            let cases = comparison.known.reduce(0) { $0 + $1.problem.results.count }
            lines.append("")
            lines.append(
                "KNOWN PROBLEMS (in the baseline, not failing the run): \(Self.count(comparison.known.count, "distinct problem")), shown by \(Self.count(cases, "case"))"
            )
            for (problem, entry) in comparison.known {
                lines.append("  \(problem.operationId) › \(problem.headline)")
                lines.append("     known: \(entry.acceptance)")
            }
        }
        if !comparison.resolved.isEmpty {
            lines.append("")
            lines.append(
                "RESOLVED: \(Self.count(comparison.resolved.count, "baseline entry", plural: "baseline entries")) no problem of this run matches (remove from the baseline once fixed for good)"
            )
            for entry in comparison.resolved {
                lines.append("  \(entry.problemWords) (\(entry.mark))")
            }
        }
        return lines
    }

    /// The client's faulty requests, grouped by operation and problem, and the requests the
    /// document does not declare: what a recording shows beside the server's answers.
    func trafficLines(_ traffic: RunSummary.Traffic) -> [String] {
        var lines: [String] = []
        if !traffic.clientProblems.isEmpty {
            let groups = traffic.groupedClientProblems
            lines.append("")
            lines.append(
                "CLIENT REQUESTS THAT BREAK THE CONTRACT (the client's problem, not the server's): \(Self.count(traffic.clientProblems.count, "request")), \(Self.count(groups.count, "distinct problem"))"
            )
            for (number, group) in groups.prefix(shownProblems).enumerated() {
                lines.append("  \(number + 1). \(group.first.operationId) › \(group.first.problem)")
                lines.append(
                    "     first: \(group.first.source): \(group.first.method) \(group.first.url)"
                        + (group.count > 1 ? " (and \(group.count - 1) more)" : ""))
            }
            if groups.count > shownProblems { lines.append("  … and \(Self.count(groups.count - shownProblems, "more distinct problem"))") }
        }
        if !traffic.undocumented.isEmpty {
            lines.append("")
            lines.append(
                "UNDOCUMENTED ENDPOINTS: \(Self.count(traffic.undocumented.count, "method and path", plural: "methods and paths")) the document does not declare"
            )
            for endpoint in traffic.undocumented.prefix(shownProblems) {
                lines.append("  \(endpoint.method) \(endpoint.path)  (\(Self.count(endpoint.count, "exchange")), first: \(endpoint.firstSource))")
            }
            if traffic.undocumented.count > shownProblems { lines.append("  … and \(traffic.undocumented.count - shownProblems) more") }
        }
        if traffic.elsewhere > 0 {
            lines.append("")
            lines.append(
                "\(Self.count(traffic.elsewhere, "exchange")) to other hosts or paths than the document's servers (\(summary.target.baseURL)) not judged"
            )
        }
        return lines
    }

    /// What a person needs to see and repeat one failing case: which case, the value class
    /// that found it, how it was shrunk, the answer, and the commands that reproduce it.
    func caseLines(_ result: CaseResult) -> [String] {
        var lines = ["first seen in \(result.testCase.kind.rawValue): \(result.testCase.name) [id \(result.testCase.id)]"]
        if let focus = result.testCase.focus, result.testCase.kind == .explore {
            lines.append("found by: \(focus.valueClass) (\(focus.validity.rawValue)) in \(focus.member.isEmpty ? "the body" : focus.member)")
        }
        if let shrinking = result.shrinking {
            let body = shrinking.original.body.map { JUnitReport.truncated($0, limit: 200) } ?? ""
            lines.append("shrunk in \(Self.count(shrinking.steps, "step")) (\(Self.count(shrinking.attempts, "request")) tried) from: \(body)")
        }
        if let location = result.testCase.specLocation { lines.append("case stands on: \(location)") }
        if let exchange = result.culprit {
            if let response = exchange.response {
                lines.append("answer: \(response.status) \(JUnitReport.truncated(response.body, limit: 300))")
            }
            lines.append("reproduce: \(CurlCommand.make(exchange.request, tokenVariable: tokenVariable))")
            if let mock = summary.embeddedMock {
                lines.append("against the run's own mock, started again by: \(mock.command(tokenVariable: tokenVariable))")
            }
        }
        if let replay = summary.replay(result.testCase) { lines.append("replay: \(replay)") }
        return lines
    }

    /// "1 case", "3 cases"; "2 bodies" with its plural.
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }
}
