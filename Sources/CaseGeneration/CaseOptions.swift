/// What to generate: the seed, the kinds, the operations, and how this run's addresses are made
/// unique.
public struct CaseOptions: Sendable {
    /// The seed: the same seed, the same cases.
    public var seed: UInt64
    /// The domain of the email addresses cases send.
    public var emailDomain: String
    /// A tag that makes this run's addresses unique, so reruns against a real API do not
    /// collide with invitations still active from an earlier run.
    public var runTag: String
    /// The kinds of case to make.
    public var kinds: Set<CaseKind>
    /// Only these operations, when set.
    public var operationIds: Set<String>?
    /// How many random valid bodies each operation's exploration adds beyond its value classes,
    /// which are all sent whatever this says (0: the classes only).
    public var examples: Int
    /// Only the cases with these ids, when set.
    public var caseIds: Set<String>?
    /// Operations that cannot be tested (the document has an error in them), with the reason:
    /// each gets one skipped case saying so, and no sequence goes through it.
    public var skippedOperations: [String: SkipReason] = [:]

    /// The random bodies a run adds unless told otherwise.
    public static let defaultExamples = 10

    /// Options for one generation of cases.
    public init(
        seed: UInt64 = 1, emailDomain: String = "example.com", runTag: String = "run",
        kinds: Set<CaseKind> = Set(CaseKind.generated), operationIds: Set<String>? = nil,
        examples: Int = CaseOptions.defaultExamples, caseIds: Set<String>? = nil
    ) {
        self.seed = seed
        self.emailDomain = emailDomain
        self.runTag = runTag
        self.kinds = kinds
        self.operationIds = operationIds
        self.examples = examples
        self.caseIds = caseIds
    }
}

/// Fresh email addresses: `ct-<run tag>-<n>@<domain>`.
struct AddressBook {
    let tag: String
    let domain: String
    private var next = 1

    init(tag: String, domain: String) {
        self.tag = tag
        self.domain = domain
    }

    mutating func fresh() -> String {
        "\(freshToken())@\(domain)"
    }

    /// A new name for a resource, `ct-<tag>-<n>`, to build an address or a text around.
    mutating func freshToken() -> String {
        defer { next += 1 }
        return "ct-\(tag)-\(next)"
    }
}
