/// What the HTML report's template reads: plain values, already worded and formatted, so the
/// template only places them (Mustache reads these by their property names).
struct HTMLPage {
    struct Operation {
        var id: String
        var cases: Int
        var passed: Int
        var failed: Int
        var errors: Int
        var skipped: Int
        /// `bad` when some case failed (or ended in an error): the cell's colour.
        var failedState: String
        var errorState: String
        var time: String
        var coverage: String
        var segments: [Segment]
        var kinds: String
        var outcomes: String
    }

    /// One documented response (or one undocumented status) in an operation's bar.
    struct Segment {
        var label: String
        /// `seen`, `never` or `undocumented`: the segment's colour.
        var state: String
        /// How much of the bar it takes: its answers, or a fixed share when never seen.
        var grow: Int
        var title: String
    }

    struct Header {
        var name: String
        var value: String
    }

    struct Request {
        var line: String
        var headers: [Header]
        var body: String?
    }

    struct Answer {
        var status: Int
        var headers: [Header]
        var body: String
    }

    struct Shrinking {
        var steps: String
        var original: String
    }

    /// Everything needed to see and repeat one case: what failed, the request, the answer, the
    /// spec line, the curl command and the replay command.
    struct CaseDetail {
        var kind: String
        var name: String
        var id: String
        var failures: [String]
        var foundBy: String?
        var shrinking: Shrinking?
        var specLocation: String?
        var request: Request?
        var answer: Answer?
        var transportError: String?
        var curl: String?
        /// How to start the run's own mock again, which the curl command names.
        var mockCommand: String?
        var replay: String?
    }

    struct CaseReference {
        var kind: String
        var name: String
        var id: String
    }

    struct Problem {
        var number: Int
        var operationId: String
        var check: String
        var headline: String
        var member: String?
        var cases: String
        var kinds: String
        var open: Bool
        var detail: CaseDetail
        var others: [CaseReference]
        var unlisted: String?
        /// For a problem the baseline lists: why it is accepted (or that the acceptance expired).
        var acceptance: String?
        /// `known`, `expired` or `new`: the problem's colour.
        var state: String
        /// `failed` or `known`: the outcome filter that shows it.
        var outcome: String
    }

    /// A baseline entry no problem of the run matched.
    struct ResolvedEntry {
        var problem: String
        var mark: String
    }

    /// What the run was judged with besides the contract: known drift.
    struct BaselineSection {
        var file: String
        var known: [Problem]
        var resolved: [ResolvedEntry]
        var knownCases: String
        var knownCount: String
        var resolvedCount: String
    }

    /// Errors with one reason, shown once.
    struct ErrorGroup {
        var reason: String
        var operations: String
        var kinds: String
        var cases: String
        var detail: CaseDetail
    }

    struct Case {
        var id: String
        var operationId: String
        var kind: String
        var name: String
        var outcome: String
        var milliseconds: String
        var note: String
    }

    var title: String
    var verdict: String
    /// `pass` or `fail`: the verdict's colour.
    var verdictState: String
    var passed: Int
    var failed: Int
    var errors: Int
    var skipped: Int
    /// Failed cases the baseline accepts, when the run has one.
    var known: Int?
    var total: String
    var anyFailed: Bool
    var failingCases: String
    var problemCount: String
    var spec: String
    var targetName: String
    var baseURL: String
    /// `nil` for judged traffic, which no seed made.
    var seed: String?
    var startedAt: String
    var duration: String
    var rate: String
    var slowest: String?
    var shard: String?
    var replayCommand: String
    var noOperations: Bool
    /// For recorded traffic: the files, the client's problems and what the document lacks.
    var traffic: Traffic?

    struct Traffic {
        var files: String
        var clientProblems: [ClientProblemRow]
        var undocumented: [UndocumentedRow]
        var elsewhere: String?
        /// Stored, as the template reads fields by reflection.
        var anyClientProblems: Bool
        var anyUndocumented: Bool
    }

    struct ClientProblemRow {
        var number: Int
        var operationId: String
        var problem: String
        var first: String
        var count: Int
    }

    struct UndocumentedRow {
        var method: String
        var path: String
        var count: Int
        var first: String
    }
    var operations: [Operation]
    /// The problems that fail the run (all of them without a baseline).
    var problems: [Problem]
    var baseline: BaselineSection?
    var errorGroups: [ErrorGroup]
    var cases: [Case]
    var operationChoices: [String]
    var kindChoices: [String]
    var outcomeChoices: [String]
    var style: String
    var script: String
}
