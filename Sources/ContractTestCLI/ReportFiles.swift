import ArgumentParser
import ContractRun
import Reporting

/// The reports a run or a merge writes, and the summary it prints: one option group, so both
/// commands name them alike.
struct ReportFiles: ParsableArguments {
    @Option(help: "Where to write the JUnit XML report.")
    var junit = "reports/junit.xml"

    @Option(help: "Where to write the run as JSON (what `contract-test merge` joins).")
    var json = "reports/run.json"

    @Option(help: "Where to write the HTML report: one page, readable without a server.")
    var html = "reports/report.html"

    @Option(help: ArgumentHelp("Where to write every exchange as HAR 1.2, passing ones too (off unless given).", valueName: "file"))
    var har: String?

    @Option(help: ArgumentHelp("Known problems: fail only on problems this baseline does not accept (or whose acceptance expired).", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write the run's distinct problems as a baseline to fill in (a reason each).", valueName: "file"))
    var writeBaseline: String?

    @Option(help: "How many distinct problems the terminal shows in full, most frequent first (the reports keep all).")
    var showProblems = TerminalReport.defaultShownProblems

    func validate() throws {
        guard showProblems >= 1 else { throw ValidationError("--show-problems must be at least 1") }
    }

    /// The baseline to judge by, read before anything is sent (a bad one is refused at once).
    func knownProblems() throws(RunError) -> Baseline? {
        try baseline.map { file throws(RunError) in try ReportPaths.readBaseline(file) }
    }

    /// Writes the reports, prints the summary, and ends with the run's exit status.
    func finish(_ summary: RunSummary, tokenVariable: String, baseline known: Baseline? = nil) throws {
        var summary = summary
        if let known = try known ?? knownProblems() { summary.judge(by: known, today: ReportPaths.today) }
        try ReportPaths(junit: junit, json: json, html: html, har: har, baseline: writeBaseline).write(summary, tokenVariable: tokenVariable)
        var report = TerminalReport(summary: summary, color: TerminalReport.colorAllowed, tokenVariable: tokenVariable, junitPath: junit, htmlPath: html)
        report.shownProblems = showProblems
        print(report.text)
        let status = ExitStatus(summary)
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}
