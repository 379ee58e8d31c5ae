import ArgumentParser
import ContractRun
import Reporting

/// The reports a run or a merge writes, and the summary it prints: one option group, so both
/// commands name them alike.
struct ReportFiles: ParsableArguments {
    @Option(help: "Where to write the JUnit XML report (default: reports/junit.xml).")
    var junit: String?

    @Option(help: "Where to write the run as JSON, what `contract-test merge` joins (default: reports/run.json).")
    var json: String?

    @Option(help: "Where to write the HTML report: one page, readable without a server (default: reports/report.html).")
    var html: String?

    @Option(help: ArgumentHelp("Where to write every exchange as HAR 1.2, passing ones too (off unless given).", valueName: "file"))
    var har: String?

    @Option(
        help: ArgumentHelp("Known problems: fail only on problems this baseline does not accept (or whose acceptance expired).", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write the run's distinct problems as a baseline to fill in (a reason each).", valueName: "file"))
    var writeBaseline: String?

    @Flag(help: "Pass a run that judged nothing (every case skipped, no traffic) instead of ending it with exit status 4.")
    var allowNothingJudged = false

    @Option(
        help:
            "How many distinct problems the terminal shows in full, most frequent first; the reports keep all (default: \(TerminalReport.defaultShownProblems))."
    )
    var showProblems: Int?

    func validate() throws {
        if let showProblems, showProblems < 1 { throw ValidationError("--show-problems must be at least 1") }
    }

    /// What these options say of a run.
    func fill(_ settings: inout RunSettings) {
        settings.junit = junit
        settings.json = json
        settings.html = html
        settings.har = har
        settings.showProblems = showProblems
        settings.baseline = baseline
        settings.writeBaseline = writeBaseline
    }

    /// The reports' paths, the defaults where none is given.
    var paths: ReportPaths {
        ReportPaths(
            junit: junit ?? "reports/junit.xml", json: json ?? "reports/run.json", html: html ?? "reports/report.html", har: har,
            baseline: writeBaseline)
    }

    /// The baseline to judge by, read before anything is sent (a bad one is refused at once).
    func knownProblems() throws(RunError) -> Baseline? {
        try baseline.map { file throws(RunError) in try ReportPaths.readBaseline(file) }
    }

    /// Writes the reports, prints the summary, and ends with the run's exit status.
    func finish(_ summary: RunSummary, tokenVariable: String, baseline known: Baseline? = nil) throws {
        try Self.finish(
            summary, tokenVariable: tokenVariable, baseline: known ?? knownProblems(), paths: paths,
            showProblems: showProblems ?? TerminalReport.defaultShownProblems, allowNothingJudged: allowNothingJudged)
    }

    /// Writes the reports to `paths`, prints the summary (`showProblems` in full), and ends
    /// with the run's exit status. `allowNothingJudged`: a run that judged nothing passes.
    static func finish(
        _ summary: RunSummary, tokenVariable: String, baseline known: Baseline?, paths: ReportPaths, showProblems: Int, allowNothingJudged: Bool
    ) throws {
        var summary = summary
        summary.nothingJudgedAccepted = allowNothingJudged
        if let known { summary.judge(by: known, today: ReportPaths.today) }
        try paths.write(summary, tokenVariable: tokenVariable)
        if let written = paths.baseline {
            let entries = summary.problems.count
            Console.out(
                "contract-test: wrote the baseline \(written): \(entries) \(entries == 1 ? "entry" : "entries"), each accepted only once its reason is written in place of the TODO"
            )
        }
        var report = TerminalReport(
            summary: summary, color: TerminalReport.colorAllowed, tokenVariable: tokenVariable, junitPath: paths.junit, htmlPath: paths.html)
        report.shownProblems = showProblems
        print(report.text)
        let status = ExitStatus(summary)
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}
