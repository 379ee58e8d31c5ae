import Foundation
import Reporting

/// The reports of a sharded run's slices joined into the report of the whole run.
public enum SliceMerge {
    /// The whole run of the slices in `files` (what `run --json` wrote, one per slice).
    public static func merge(_ files: [String]) throws(RunError) -> RunSummary {
        try mergeJudged(files, baselineGiven: true).summary
    }

    /// The whole run, and the baseline file its slices were judged with, which the merged
    /// run is judged with again unless `baselineGiven`: slices judged with different
    /// baselines (or some with none) are then refused, as no verdict is the one meant.
    public static func mergeJudged(_ files: [String], baselineGiven: Bool) throws(RunError) -> (summary: RunSummary, baseline: String?) {
        var runs: [(file: String, run: StoredRun)] = []
        for path in files {
            do {
                runs.append((path, try StoredRun.read(path)))
            } catch let mismatch as StoredRun.FormatMismatch {
                throw .reportFormat(path: path, found: mismatch.found)
            } catch let error as DecodingError {
                throw .notAReport(path: path, reason: error.whereAndWhat)
            } catch {
                throw .unreadable(path: path, reason: error.localizedDescription)
            }
        }
        let summary: RunSummary
        do throws(StoredRun.MergeError) {
            summary = try StoredRun.merge(runs)
        } catch {
            throw .merge(error)
        }
        let baselines = Set(runs.map { $0.run.baseline?.file ?? "" })
        guard baselines.count == 1 || baselineGiven else {
            let named = runs.map { "\($0.file) (\($0.run.baseline.map { "baseline " + $0.file } ?? "no baseline"))" }
            throw .merge(
                StoredRun.MergeError(
                    description:
                        "the slices were judged with different baselines: \(named.joined(separator: ", ")); give merge --baseline FILE to judge the whole run with one"
                ))
        }
        return (summary, baselines.count == 1 ? baselines.first.flatMap { $0.isEmpty ? nil : $0 } : nil)
    }
}
