import ArgumentParser
import Foundation
import Reporting

/// `contract-test merge`: the reports of a run's slices (`run --shard K/N`, one CI job each)
/// joined into the report of the whole run, as one job would have written it.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the reports of a run's slices into the report of the whole run.",
        discussion: "Exit status: as run would give for the whole run (0 passed, 1 failures, 3 unreachable); 2 when the reports are not every slice of one run."
    )

    @Argument(help: "The JSON reports of the slices (what run --json writes; reports/run.json by default).")
    var reports: [String]

    @OptionGroup var reportFiles: ReportFiles

    @Option(help: "The environment variable reproductions name for the secret.")
    var tokenEnv = "PARTNER_API_TOKEN"

    func run() throws {
        var runs: [(file: String, run: StoredRun)] = []
        for path in reports {
            do {
                runs.append((path, try StoredRun.read(path)))
            } catch let mismatch as StoredRun.FormatMismatch {
                Console.error("error: \(path) was written by another version of contract-test (report format \(mismatch.found); this one reads \(StoredRun.currentFormat)): run every slice with one version")
                throw ExitCode(2)
            } catch let error as DecodingError {
                Console.error("error: \(path) is not a contract-test JSON report (\(Self.words(error))): expected what run --json writes")
                throw ExitCode(2)
            } catch {
                Console.error("error: cannot read \(path): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let summary: RunSummary
        do {
            summary = try StoredRun.merge(runs)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        try reportFiles.write(summary, tokenVariable: tokenEnv)
    }

    private static func words(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
