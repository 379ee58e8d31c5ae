import CaseGeneration

/// One operation's exception to the contract, from the configuration file, with its reason:
/// statuses it may answer besides those the document lists, checks that do not judge it,
/// or not sending its cases at all.
public struct OperationOverride: Sendable, Equatable {
    /// The operation it is about.
    public var operationId: String
    /// Why it differs, and where the file says so (`contract-test.yaml:40:5`).
    public var reason: String
    /// Where the file writes it (`contract-test.yaml:40:5`).
    public var place: String
    /// Statuses that count as documented for it.
    public var extraStatuses: Set<Int>
    /// Checks that do not judge it.
    public var excludedChecks: Set<CheckName>
    /// Whether its cases are not sent.
    public var skip: Bool
    /// Whether its cases run after every other case (it may change the run's credentials or
    /// the server's settings); `nil`: as its method and words suggest.
    public var runLast: Bool?

    /// An override of `operationId`, said at `place` for `reason`.
    public init(
        operationId: String, reason: String, place: String, extraStatuses: Set<Int> = [], excludedChecks: Set<CheckName> = [],
        skip: Bool = false, runLast: Bool? = nil
    ) {
        self.operationId = operationId
        self.reason = reason
        self.place = place
        self.extraStatuses = extraStatuses
        self.excludedChecks = excludedChecks
        self.skip = skip
        self.runLast = runLast
    }

    /// Why its cases are not sent, as the reports say it.
    public var skipReason: SkipReason { .configuration(reason: reason, place: place) }
}
