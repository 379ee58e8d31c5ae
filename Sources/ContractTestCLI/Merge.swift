import ArgumentParser
import ContractRun

/// `contract-test merge`: the reports of a run's slices (`run --shard K/N`, one CI job each)
/// joined into the report of the whole run, as one job would have written it.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the reports of a run's slices into the report of the whole run.",
        discussion:
            "Exit status: as run would give for the whole run (0 passed, 1 failures, 3 unreachable); 2 when the reports are not every slice of one run."
    )

    @Argument(help: "The JSON reports of the slices (what run --json writes; reports/run.json by default).")
    var reports: [String]

    @OptionGroup var reportFiles: ReportFiles

    @OptionGroup var tokenVariable: TokenVariableOption

    func run() throws {
        let known = try reportFiles.knownProblems()
        let merged = try SliceMerge.mergeJudged(reports, baselineGiven: known != nil)
        // Slices judged with a baseline are judged again with it, read afresh, unless told otherwise.
        let carried = try known == nil ? merged.baseline.map { file throws(RunError) in try ReportPaths.readBaseline(file) } : nil
        try reportFiles.finish(merged.summary, tokenVariable: tokenVariable.tokenEnv, baseline: known ?? carried)
    }
}
