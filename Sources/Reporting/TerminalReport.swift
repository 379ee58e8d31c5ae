import CaseGeneration
import Checks
import Execution
import Foundation

/// The run for people at a terminal: a table per operation (with the documented responses seen
/// and never seen), every failure with its reproduction, and a last line with the verdict.
/// Colour only on a terminal and without `NO_COLOR`.
public struct TerminalReport {
    public var summary: RunSummary
    public var color: Bool
    public var tokenVariable: String
    public var junitPath: String?
    public var htmlPath: String?

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

    public var text: String {
        var lines: [String] = []
        let slice = summary.shard.map { ", slice \($0) (\(summary.results.count) of \(summary.plannedCases) cases)" } ?? ""
        lines.append("contract-test: \(summary.specPath) against \(summary.target.name) (\(summary.target.baseURL)), seed \(summary.seed)\(slice)")
        if summary.documentedStatuses.isEmpty {
            lines.append("  nothing to send: the document has no operations (webhooks only, or no paths)")
        }
        let width = summary.byOperation.map(\.operationId.count).max() ?? 0
        for (operationId, results) in summary.byOperation {
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
        let problems = summary.problems
        if !problems.isEmpty {
            lines.append("")
            lines.append(paint("FAILURES", "1;31") + ": \(Self.count(summary.failures, "failing case")) from \(Self.count(problems.count, "distinct problem"))")
            for (number, problem) in problems.enumerated() {
                lines.append("  \(number + 1). \(problem.operationId) › \(problem.headline)")
                lines += caseLines(problem.results[0]).map { "     " + $0 }
                let others = problem.results.dropFirst()
                if !others.isEmpty {
                    let listed = others.prefix(5).map { "\($0.testCase.kind.rawValue): \($0.testCase.name) [\($0.testCase.id)]" }
                    lines.append("     also shown by \(Self.count(others.count, "more case")): " + listed.joined(separator: "; ") + (others.count > 5 ? "; …" : ""))
                }
            }
        }
        let errors = summary.results.filter(\.isError)
        if !errors.isEmpty {
            lines.append("")
            lines.append(paint("ERRORS", "1;31"))
            for result in errors {
                lines.append("  \(result.testCase.operationId) › \(result.testCase.kind.rawValue): \(result.testCase.name)")
                if case .error(let problem) = result.outcome { lines.append("    error: \(problem)") }
                if let exchange = result.culprit {
                    lines.append("    reproduce: \(CurlCommand.make(exchange.request, tokenVariable: tokenVariable))")
                }
            }
        }
        let skipped = summary.results.filter(\.isSkipped)
        if !skipped.isEmpty {
            lines.append("")
            lines.append("SKIPPED")
            for result in skipped {
                if case .skipped(let reason) = result.outcome {
                    lines.append("  \(result.testCase.operationId) › \(result.testCase.kind.rawValue): \(result.testCase.name): \(reason)")
                }
            }
        }
        lines.append("")
        let rate = summary.duration > 0 ? Double(summary.results.count) / summary.duration : 0
        let counts = "\(summary.passed) passed, \(summary.failures) failed, \(summary.errors) errors, \(summary.skipped) skipped"
        let verdict = summary.exitCode == 0 ? paint("PASSED", "1;32") : paint(summary.exitCode == 3 ? "UNREACHABLE" : "FAILED", "1;31")
        var last = "\(verdict): \(counts) (\(Self.count(summary.results.count, "case")) in \(String(format: "%.2f", summary.duration)) s, \(String(format: "%.0f", rate)) cases/s)"
        if !problems.isEmpty { last += "; \(Self.count(problems.count, "distinct problem"))" }
        if let junitPath { last += "; JUnit report: \(junitPath)" }
        if let htmlPath { last += "; HTML report: \(htmlPath)" }
        lines.append(last)
        return lines.joined(separator: "\n")
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
        }
        lines.append("replay: \(summary.replay(result.testCase))")
        return lines
    }

    /// "1 case", "3 cases"; "2 bodies" with its plural.
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }
}
