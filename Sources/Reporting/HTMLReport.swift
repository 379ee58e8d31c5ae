import CaseGeneration
import Checks
import Execution
import Foundation
import Mustache
import OpenAPIModel
import YAMLSource

/// The run as one self-contained web page (`reports/report.html`): the verdict, a table per
/// operation with its documented responses seen and never seen, the failures grouped by
/// distinct problem with the request, the answer, the spec line and the commands that repeat
/// them, every case with filters by operation, kind and outcome, and the run's seed, target and
/// timing. Styles and script are inline and nothing is fetched, so the file opens from disk or
/// as a CI artifact. Secrets are redacted as in every report.
public struct HTMLReport {
    /// The run.
    public var summary: RunSummary
    /// The variable reproductions name for the secret.
    public var tokenVariable: String
    /// Longest body quoted, in bytes.
    public var maxBodyBytes = 4_096
    /// Cases listed under a problem besides the one shown in full.
    public var listedCases = 20

    /// The HTML report of `summary`.
    public init(summary: RunSummary, tokenVariable: String) {
        self.summary = summary
        self.tokenVariable = tokenVariable
    }

    /// The page: one self-contained HTML document.
    public var html: String {
        HTMLTemplate.page.render(page, withTemplate: "page") ?? ""
    }

    /// Writes the page whole or not at all.
    public func write(to path: String) throws {
        try AtomicFile.write(Data(html.utf8), to: path)
    }

    var page: HTMLPage {
        let problems = summary.problems
        let comparison = summary.comparison
        let accepted = comparison?.accepted ?? []
        let known = Dictionary((comparison?.known ?? []).map { ($0.problem.fingerprint, $0.entry) }, uniquingKeysWith: { first, _ in first })
        let expired = Dictionary((comparison?.expired ?? []).map { ($0.problem.fingerprint, $0.entry) }, uniquingKeysWith: { first, _ in first })
        let numbered = problems.enumerated().map { offset, problem in
            self.problem(problem, number: offset + 1, known: known[problem.fingerprint], expired: expired[problem.fingerprint])
        }
        let failing = numbered.filter { $0.outcome != "known" }
        let verdict = summary.verdict.rawValue
        let slowest = summary.results.max { $0.duration < $1.duration }
        let rate = summary.duration > 0 ? Double(summary.results.count) / summary.duration : 0
        return HTMLPage(
            title: "\(verdict): contract-test \(summary.specPath) against \(summary.target.name)",
            verdict: verdict,
            verdictState: summary.verdict.isGreen ? "pass" : "fail",
            passed: summary.passed, failed: summary.failures, errors: summary.errors, skipped: summary.skipped,
            known: comparison == nil ? nil : summary.knownFailures,
            total: TerminalReport.count(summary.results.count, "case"),
            anyFailed: summary.failures > 0,
            failingCases: TerminalReport.count(summary.failures, "failing case"),
            problemCount: TerminalReport.count(failing.count, "distinct problem") + (comparison == nil ? "" : " the baseline does not accept"),
            spec: summary.specPath + (summary.specSHA256.map { " (sha256 \($0))" } ?? ""),
            targetName: summary.target.name,
            baseURL: summary.target.baseURL,
            seed: summary.traffic == nil ? String(summary.seed) : nil,
            startedAt: summary.startedAt,
            duration: String(format: "%.2f s", summary.duration),
            rate: String(format: "%.0f cases/s", rate),
            slowest: slowest.map {
                "\(Self.milliseconds($0.duration)) ms: \($0.testCase.operationId) › \($0.testCase.kind.rawValue): \($0.testCase.name)"
            },
            shard: summary.shard.map { "slice \($0) (\(summary.results.count) of \(summary.plannedCases) cases)" },
            replayCommand: summary.replayCommand,
            noOperations: summary.documentedStatuses.isEmpty,
            traffic: summary.traffic.map { traffic in
                HTMLPage.Traffic(
                    files: traffic.files.joined(separator: ", "),
                    clientProblems: traffic.groupedClientProblems.enumerated().map { number, group in
                        HTMLPage.ClientProblemRow(
                            number: number + 1, operationId: group.first.operationId, problem: group.first.problem,
                            first: "\(group.first.source): \(group.first.method) \(group.first.url)", count: group.count)
                    },
                    undocumented: traffic.undocumented.map {
                        HTMLPage.UndocumentedRow(method: $0.method, path: $0.path, count: $0.count, first: $0.firstSource)
                    },
                    elsewhere: traffic.elsewhere > 0
                        ? "\(TerminalReport.count(traffic.elsewhere, "exchange")) to other hosts or paths than the document's servers, not judged"
                        : nil,
                    anyClientProblems: !traffic.clientProblems.isEmpty, anyUndocumented: !traffic.undocumented.isEmpty)
            },
            operations: summary.byOperation.map(operation),
            problems: failing,
            baseline: summary.baseline.map { judged in
                let knownProblems = numbered.filter { $0.outcome == "known" }
                let cases = (comparison?.known ?? []).reduce(0) { $0 + $1.problem.results.count }
                let resolved = comparison?.resolved ?? []
                return HTMLPage.BaselineSection(
                    file: judged.baseline.file, known: knownProblems,
                    resolved: resolved.map { HTMLPage.ResolvedEntry(problem: $0.problemWords, mark: $0.mark.description) },
                    knownCases: TerminalReport.count(cases, "case"), knownCount: TerminalReport.count(knownProblems.count, "distinct problem"),
                    resolvedCount: TerminalReport.count(resolved.count, "baseline entry", plural: "baseline entries"))
            },
            errorGroups: errorGroups,
            cases: zip(summary.results, caseProblemNumbers(problems)).map { caseRow($0, problems: $1, accepted: accepted) },
            operationChoices: summary.byOperation.map(\.operationId),
            kindChoices: CaseKind.allCases.map(\.rawValue).filter { kind in summary.results.contains { $0.testCase.kind.rawValue == kind } },
            outcomeChoices: ["passed", "failed"] + (comparison == nil ? [] : ["known"]) + ["error", "skipped"],
            style: HTMLTemplate.style,
            script: HTMLTemplate.script)
    }

    private func operation(_ operationId: String, _ results: [CaseResult]) -> HTMLPage.Operation {
        let coverage = summary.coverage(operationId)
        let documented = coverage.documented.map { entry in
            HTMLPage.Segment(
                label: entry.key, state: entry.answers > 0 ? "seen" : "never", grow: entry.answers,
                title: entry.answers > 0 ? "\(entry.key): \(TerminalReport.count(entry.answers, "answer"))" : "\(entry.key): documented, never seen")
        }
        let undocumented = coverage.undocumented.map { entry in
            HTMLPage.Segment(
                label: String(entry.status), state: "undocumented", grow: entry.answers,
                title: "\(entry.status): \(TerminalReport.count(entry.answers, "answer")), not documented")
        }
        let accepted = summary.comparison?.accepted ?? []
        let known = accepted.isEmpty ? 0 : results.filter { summary.isKnown($0, accepted: accepted) }.count
        // Known failures count as failed in the operation's table, but do not colour it.
        let failed = results.filter(\.isFailure).count
        let errors = results.filter(\.isError).count
        let skipped = results.filter(\.isSkipped).count
        var words =
            coverage.documented.isEmpty
            ? "no responses documented"
            : "\(coverage.seen.count) of \(coverage.documented.count) documented responses seen"
        if !coverage.undocumented.isEmpty { words += "; \(coverage.undocumented.count) undocumented" }
        if let classes = summary.classCoverage(operationId) { words += "; \(classes.words)" }
        return HTMLPage.Operation(
            id: operationId, cases: results.count, passed: results.count - failed - errors - skipped, failed: failed, errors: errors,
            skipped: skipped, failedState: failed > known ? "bad" : "", errorState: errors > 0 ? "bad" : "",
            time: String(format: "%.2f s", results.reduce(0) { $0 + $1.duration }), coverage: words,
            segments: documented + undocumented,
            kinds: Self.joined(results.map(\.testCase.kind.rawValue)), outcomes: Self.joined(results.map(outcome)))
    }

    private func problem(_ problem: Problem, number: Int, known: Baseline.Entry?, expired: Baseline.Entry?) -> HTMLPage.Problem {
        let others = problem.results.dropFirst()
        let acceptance =
            known.map { "known: " + $0.acceptance }
            ?? expired.map { "accepted until \($0.expires ?? "") (\($0.mark)): expired, so it fails again" }
        return HTMLPage.Problem(
            number: number, operationId: problem.operationId, check: problem.check.rawValue, headline: problem.headline,
            member: problem.member, cases: TerminalReport.count(problem.results.count, "case"),
            kinds: Self.joined(problem.results.map(\.testCase.kind.rawValue)), open: number <= 3,
            detail: detail(problem.results[0]),
            others: others.prefix(listedCases).map {
                HTMLPage.CaseReference(kind: $0.testCase.kind.rawValue, name: $0.testCase.name, id: $0.testCase.id)
            },
            unlisted: others.count > listedCases ? "and \(TerminalReport.count(others.count - listedCases, "more case"))" : nil,
            acceptance: acceptance, state: known != nil ? "known" : expired != nil ? "expired" : "new", outcome: known != nil ? "known" : "failed")
    }

    private var errorGroups: [HTMLPage.ErrorGroup] {
        var order: [CaseError] = []
        var groups: [CaseError: [CaseResult]] = [:]
        for result in summary.results {
            guard case .error(let reason) = result.outcome else { continue }
            if groups[reason] == nil { order.append(reason) }
            groups[reason, default: []].append(result)
        }
        return order.map { reason in
            let results = groups[reason] ?? []
            return HTMLPage.ErrorGroup(
                reason: reason.description, operations: Self.joined(results.map(\.testCase.operationId)),
                kinds: Self.joined(results.map(\.testCase.kind.rawValue)),
                cases: TerminalReport.count(results.count, "case"), detail: detail(results[0]))
        }
    }

    /// The numbers of the problems each case shows, in the results' order.
    private func caseProblemNumbers(_ problems: [Problem]) -> [[Int]] {
        var numbers: [String: [Int]] = [:]
        for (offset, problem) in problems.enumerated() {
            for result in problem.results {
                numbers[result.testCase.operationId + "\u{0}" + result.testCase.id, default: []].append(offset + 1)
            }
        }
        return summary.results.map { numbers[$0.testCase.operationId + "\u{0}" + $0.testCase.id] ?? [] }
    }

    private func caseRow(_ result: CaseResult, problems: [Int], accepted: Set<Problem.Fingerprint>) -> HTMLPage.Case {
        var note = ""
        switch result.outcome {
        case .passed: break
        case .failed(let failures):
            note =
                (problems.isEmpty ? "" : "problem " + problems.map(String.init).joined(separator: ", ") + ": ")
                + (failures.first?.description ?? "")
        case .error(let problem): note = problem.description
        case .skipped(let reason): note = reason.description
        }
        return HTMLPage.Case(
            id: result.testCase.id, operationId: result.testCase.operationId, kind: result.testCase.kind.rawValue,
            name: result.testCase.name, outcome: outcome(result, accepted: accepted), milliseconds: Self.milliseconds(result.duration), note: note)
    }

    func detail(_ result: CaseResult) -> HTMLPage.CaseDetail {
        var detail = HTMLPage.CaseDetail(
            kind: result.testCase.kind.rawValue, name: result.testCase.name, id: result.testCase.id,
            failures: result.failures.map(\.description), specLocation: result.testCase.specLocation?.description,
            replay: summary.replay(result.testCase))
        if let focus = result.testCase.focus, result.testCase.kind == .explore {
            detail.foundBy = "\(focus.valueClass) (\(focus.validity.rawValue)) in \(focus.member.isEmpty ? "the body" : focus.member)"
        }
        if let shrinking = result.shrinking {
            detail.shrinking = HTMLPage.Shrinking(
                steps: "\(TerminalReport.count(shrinking.steps, "step")) (\(TerminalReport.count(shrinking.attempts, "request")) tried)",
                original: shrinking.original.body.map { JUnitReport.truncated($0, limit: maxBodyBytes) } ?? "")
        }
        if let exchange = result.culprit {
            let request = exchange.request
            detail.request = HTMLPage.Request(
                line: "\(request.method) \(request.url)", headers: request.headers.map { HTMLPage.Header(name: $0.name, value: $0.value) },
                body: request.body.map { JUnitReport.truncated($0, limit: maxBodyBytes) })
            detail.answer = exchange.response.map { response in
                HTMLPage.Answer(
                    status: response.status, headers: response.headers.map { HTMLPage.Header(name: $0.name, value: $0.value) },
                    body: JUnitReport.truncated(response.body, limit: maxBodyBytes))
            }
            detail.transportError = exchange.transportError?.description
            detail.curl = CurlCommand.make(request, tokenVariable: tokenVariable)
            detail.mockCommand = summary.embeddedMock?.command(tokenVariable: tokenVariable)
        }
        return detail
    }

    /// The outcome the filters and colours use: `known` for a failed case the baseline accepts.
    func outcome(_ result: CaseResult, accepted: Set<Problem.Fingerprint>) -> String {
        summary.isKnown(result, accepted: accepted) ? "known" : Self.outcome(result)
    }

    private func outcome(_ result: CaseResult) -> String {
        outcome(result, accepted: summary.comparison?.accepted ?? [])
    }

    static func outcome(_ result: CaseResult) -> String {
        switch result.outcome {
        case .passed: "passed"
        case .failed: "failed"
        case .error: "error"
        case .skipped: "skipped"
        }
    }

    static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.1f", seconds * 1000)
    }

    /// Distinct values in first-seen order, joined for a `data-` attribute the filters read.
    static func joined(_ values: [String]) -> String {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }.joined(separator: "|")
    }
}
