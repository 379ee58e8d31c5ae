import BusinessRules

/// Every check an answer is judged by, by name: what `run --checks` and `--exclude-checks`
/// select and what `contract-test checks` lists.
public enum CheckName: String, Sendable, CaseIterable, Hashable, Codable {
    case status
    case serverError = "server-error"
    case contentType = "content-type"
    case schema
    case header
    case headerSchema = "header-schema"
    case allowHeader = "allow-header"
    case undocumentedMember = "undocumented-member"
    case ruleEcho = "rule-echo"
    case ruleConstant = "rule-constant"
    case ruleNow = "rule-now"
    case ruleExpiry = "rule-expiry"
    case ruleUnique = "rule-unique"
    case ruleOneActive = "rule-one-active"
    case responseTime = "response-time"

    /// The check of a business rule.
    public init(rule: RuleKind) {
        self =
            switch rule {
            case .echo: .ruleEcho
            case .constant: .ruleConstant
            case .now: .ruleNow
            case .expiry: .ruleExpiry
            case .unique: .ruleUnique
            case .oneActive: .ruleOneActive
            }
    }

    /// One line on what the check asserts.
    public var summary: String {
        switch self {
        case .status: "the status is documented for the operation and is the one the case expects (2xx, 4xx, 401, 405, ...)"
        case .serverError: "no answer is a 5xx: a server error never conforms, whatever was sent"
        case .contentType: "the Content-Type is one the contract documents for that status"
        case .schema: "the body validates against the documented schema for that status (every keyword; a format by any of its readings)"
        case .header: "the documented required response headers are present"
        case .headerSchema: "documented response headers that are present hold values their schemas accept (read as OpenAPI serializes headers)"
        case .allowHeader: "a 405 carries Allow, listing every method the document declares on the path (RFC 9110 section 15.5.6)"
        case .undocumentedMember: "no response member the schema does not declare (off unless --strict or named in --checks)"
        case .ruleEcho: "rule echo: success bodies repeat the request members the rules file names"
        case .ruleConstant: "rule constant: success body members hold their declared fixed values"
        case .ruleNow: "rule now: timestamps of the create are the time the request was sent and answered (the server's Date when it sends one)"
        case .ruleExpiry: "rule expiry: expiry timestamps are the create's time plus the requested active days"
        case .ruleUnique: "rule unique: every created resource gets new values for its unique members"
        case .ruleOneActive: "rule one-active: a create while one is active for the name conflicts, also when several arrive at once"
        case .responseTime: "each answer arrives within --max-response-time milliseconds (off unless that is given)"
        }
    }

    /// Whether a run judges by it when no `--checks` are given.
    public var onByDefault: Bool { self != .undocumentedMember && self != .responseTime }

    /// The checks a run judges by: `only` (or every check on by default), less `excluded`;
    /// `strict` adds `undocumented-member`, `timed` (a `--max-response-time`) `response-time`.
    public static func selection(only: [CheckName]?, excluded: [CheckName], strict: Bool, timed: Bool = false) -> Set<CheckName> {
        var selected = Set(only ?? allCases.filter(\.onByDefault))
        if strict { selected.insert(.undocumentedMember) }
        if timed { selected.insert(.responseTime) }
        return selected.subtracting(excluded)
    }
}
