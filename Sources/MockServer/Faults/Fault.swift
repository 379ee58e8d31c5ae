/// A named way for the mock to drift from its contract, so clients and the runner can prove
/// they notice.
public enum Fault: String, Sendable, CaseIterable, Hashable {
    case wrongSuccessStatus = "wrong-success-status"
    case missingRequiredMember = "missing-required-member"
    case wrongMemberType = "wrong-member-type"
    case malformedDateTime = "malformed-date-time"
    case wrongContentType = "wrong-content-type"
    case invalidInputAccepted = "invalid-input-accepted"
    case authIgnored = "auth-ignored"
    case duplicatesAllowed = "duplicate-invitations"
    case expiryIgnored = "expiry-ignored"
    case wrongErrorShape = "wrong-error-shape"
    case serverErrorOnMalformed = "server-error-on-malformed"
    case undocumentedMember = "undocumented-member"
    case echoBroken = "echo-broken"
    case constantBroken = "constant-broken"
    case expiryMiscomputed = "expiry-miscomputed"
    case nonIntegerAccepted = "non-integer-accepted"
    case serverErrorOnHugeNumber = "server-error-on-huge-number"
    case serverErrorOnNonASCII = "server-error-on-non-ascii"
    case validAddressesRefused = "valid-addresses-refused"
    case racyDuplicateCheck = "racy-duplicate-check"
    case wrongNow = "wrong-now"
    case noAllowHeader = "no-allow-header"
    case identitiesMerged = "identities-merged"
    case extraMembersRefused = "extra-members-refused"
    case memberOrderRequired = "member-order-required"
    case memberNamesCaseInsensitive = "member-names-case-insensitive"
    case authSchemeCaseSensitive = "auth-scheme-case-sensitive"
    case duplicateCheckOnWholeBody = "duplicate-check-on-whole-body"
    case idsRepeat = "ids-repeat"
    case traceEchoes = "trace-echoes"
    case serverErrorOnGzip = "server-error-on-gzip"
    case gzipUnlabelled = "gzip-unlabelled"

    /// One line on what the fault does.
    public var summary: String { kind.summary }

    /// The fault's behaviour, by its hooks.
    var kind: any FaultBehaviour.Type {
        switch self {
        case .wrongSuccessStatus: WrongSuccessStatus.self
        case .missingRequiredMember: MissingRequiredMember.self
        case .wrongMemberType: WrongMemberType.self
        case .malformedDateTime: MalformedDateTime.self
        case .wrongContentType: WrongContentType.self
        case .invalidInputAccepted: InvalidInputAccepted.self
        case .authIgnored: AuthIgnored.self
        case .duplicatesAllowed: DuplicatesAllowed.self
        case .expiryIgnored: ExpiryIgnored.self
        case .wrongErrorShape: WrongErrorShape.self
        case .serverErrorOnMalformed: ServerErrorOnMalformed.self
        case .undocumentedMember: UndocumentedMember.self
        case .echoBroken: EchoBroken.self
        case .constantBroken: ConstantBroken.self
        case .expiryMiscomputed: ExpiryMiscomputed.self
        case .nonIntegerAccepted: NonIntegerAccepted.self
        case .serverErrorOnHugeNumber: ServerErrorOnHugeNumber.self
        case .serverErrorOnNonASCII: ServerErrorOnNonASCII.self
        case .validAddressesRefused: ValidAddressesRefused.self
        case .racyDuplicateCheck: RacyDuplicateCheck.self
        case .wrongNow: WrongNow.self
        case .noAllowHeader: NoAllowHeader.self
        case .identitiesMerged: IdentitiesMerged.self
        case .extraMembersRefused: ExtraMembersRefused.self
        case .memberOrderRequired: MemberOrderRequired.self
        case .memberNamesCaseInsensitive: MemberNamesCaseInsensitive.self
        case .authSchemeCaseSensitive: AuthSchemeCaseSensitive.self
        case .duplicateCheckOnWholeBody: DuplicateCheckOnWholeBody.self
        case .idsRepeat: IDsRepeat.self
        case .traceEchoes: TraceEchoes.self
        case .serverErrorOnGzip: ServerErrorOnGzip.self
        case .gzipUnlabelled: GzipUnlabelled.self
        }
    }
}
