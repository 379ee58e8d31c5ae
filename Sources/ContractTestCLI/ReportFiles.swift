import ArgumentParser
import Foundation
import Reporting

/// The reports a run or a merge writes, and the summary it prints.
struct ReportFiles {
    var junit: String
    var json: String
    var html: String

    /// Writes the JUnit, JSON and HTML reports (each whole or not at all), prints the summary, and
    /// ends with the run's exit status.
    func write(_ summary: RunSummary, tokenVariable: String) throws {
        for (path, what, write) in [
            (junit, "the JUnit report", { try JUnitReport(summary: summary, tokenVariable: tokenVariable).write(to: junit) }),
            (json, "the JSON report", { try StoredRun(summary).write(to: json) }),
            (html, "the HTML report", { try HTMLReport(summary: summary, tokenVariable: tokenVariable).write(to: html) }),
        ] as [(String, String, () throws -> Void)] {
            do {
                try write()
            } catch {
                Console.error("error: cannot write \(what) to \(path): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        print(TerminalReport(summary: summary, color: TerminalReport.colorAllowed, tokenVariable: tokenVariable, junitPath: junit, htmlPath: html).text)
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
