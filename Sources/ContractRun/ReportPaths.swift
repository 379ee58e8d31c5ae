import Foundation
import Reporting

/// Where a command writes its reports. Each is written whole or not at all.
public struct ReportPaths: Sendable {
    /// The version HAR files name as their creator.
    public static let toolVersion = "0.11.0"

    /// The JUnit XML report.
    public var junit: String
    /// The run as JSON (what `merge` joins).
    public var json: String
    /// The HTML report.
    public var html: String
    /// Every exchange as HAR 1.2; `nil`: none.
    public var har: String?
    /// The run's distinct problems as a baseline to fill in; `nil`: none.
    public var baseline: String?

    /// The reports' paths, by default under `reports/`.
    public init(
        junit: String = "reports/junit.xml", json: String = "reports/run.json", html: String = "reports/report.html", har: String? = nil,
        baseline: String? = nil
    ) {
        self.junit = junit
        self.json = json
        self.html = html
        self.har = har
        self.baseline = baseline
    }

    /// The baseline a run is judged with: read whole, or refused with where.
    public static func readBaseline(_ file: String) throws(RunError) -> Baseline {
        let (baseline, source, diagnostics) = Baseline.read(file: file)
        guard let baseline else { throw .baseline(diagnostics, sources: source.map { [$0] } ?? []) }
        return baseline
    }

    /// Today in UTC, as a baseline's `expires` dates are written.
    public static var today: String { String(ISO8601DateFormatter().string(from: Date()).prefix(10)) }

    /// Writes every report of `summary`; reproductions name `tokenVariable` for the secret.
    public func write(_ summary: RunSummary, tokenVariable: String) throws(RunError) {
        var writes: [(ReportKind, String, () throws -> Void)] = [
            (.junit, junit, { try JUnitReport(summary: summary, tokenVariable: tokenVariable).write(to: junit) }),
            (.json, json, { try StoredRun(summary).write(to: json) }),
            (.html, html, { try HTMLReport(summary: summary, tokenVariable: tokenVariable).write(to: html) }),
        ]
        if let har {
            writes.append((.har, har, { try HARReport(summary: summary, toolVersion: Self.toolVersion).write(to: har) }))
        }
        if let baseline {
            writes.append((.baseline, baseline, { try Baseline.write(summary.problems, spec: summary.specPath, to: baseline) }))
        }
        for (kind, path, write) in writes {
            do {
                try write()
            } catch {
                throw .cannotWrite(kind, path: path, reason: error.localizedDescription)
            }
        }
    }
}
