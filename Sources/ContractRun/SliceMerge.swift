import Foundation
import Reporting

/// The reports of a sharded run's slices joined into the report of the whole run.
public enum SliceMerge {
    /// The whole run of the slices in `files` (what `run --json` wrote, one per slice).
    public static func merge(_ files: [String]) throws(RunError) -> RunSummary {
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
        do throws(StoredRun.MergeError) {
            return try StoredRun.merge(runs)
        } catch {
            throw .merge(error)
        }
    }
}
