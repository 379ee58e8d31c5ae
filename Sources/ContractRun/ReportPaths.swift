import Foundation
import Reporting

/// Where a command writes its reports. Each is written whole or not at all.
public struct ReportPaths: Sendable {
    /// The version HAR files name as their creator.
    public static let toolVersion = "0.11.0"

    public var junit: String
    public var json: String
    public var html: String
    /// Every exchange as HAR 1.2; `nil`: none.
    public var har: String?

    public init(junit: String = "reports/junit.xml", json: String = "reports/run.json", html: String = "reports/report.html", har: String? = nil) {
        self.junit = junit
        self.json = json
        self.html = html
        self.har = har
    }

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
        for (kind, path, write) in writes {
            do {
                try write()
            } catch {
                throw .cannotWrite(kind, path: path, reason: error.localizedDescription)
            }
        }
    }
}
