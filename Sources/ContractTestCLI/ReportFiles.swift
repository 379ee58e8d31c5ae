import ArgumentParser
import Foundation
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

    @Option(help: "How many distinct problems the terminal shows in full, most frequent first (the reports keep all).")
    var showProblems = TerminalReport.defaultShownProblems

    func validate() throws {
        guard showProblems >= 1 else { throw ValidationError("--show-problems must be at least 1") }
    }

    /// Writes the JUnit, JSON and HTML reports (each whole or not at all), prints the summary, and
    /// ends with the run's exit status.
    func write(_ summary: RunSummary, tokenVariable: String) throws {
        for (path, what, write) in [
            (junit, "the JUnit report", { try JUnitReport(summary: summary, tokenVariable: tokenVariable).write(to: junit) }),
            (json, "the JSON report", { try StoredRun(summary).write(to: json) }),
            (html, "the HTML report", { try HTMLReport(summary: summary, tokenVariable: tokenVariable).write(to: html) }),
        ] + (har.map { har in
            [(har, "the HAR file", { try HARReport(summary: summary, toolVersion: ContractTest.configuration.version).write(to: har) })]
        } ?? []) as [(String, String, () throws -> Void)] {
            do {
                try write()
            } catch {
                Console.error("error: cannot write \(what) to \(path): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        var report = TerminalReport(summary: summary, color: TerminalReport.colorAllowed, tokenVariable: tokenVariable, junitPath: junit, htmlPath: html)
        report.shownProblems = showProblems
        print(report.text)
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
