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

    /// One line on what the fault does.
    public var summary: String {
        switch self {
        case .wrongSuccessStatus: "a successful create answers a status the contract does not document (201 for 200)"
        case .missingRequiredMember: "the success body leaves out its first required member"
        case .wrongMemberType: "the success body's first string member becomes a number"
        case .malformedDateTime: "the success body's first date-time member is not RFC 3339 (a space, no zone)"
        case .wrongContentType: "successful answers say Content-Type: text/plain"
        case .invalidInputAccepted: "requests that break the request schema are answered with success"
        case .authIgnored: "requests without a valid bearer token are served anyway"
        case .duplicatesAllowed: "a second create while one is active succeeds instead of 409"
        case .expiryIgnored: "an expired invitation still blocks a new one with 409"
        case .wrongErrorShape: "error answers carry {\"error\": ...} instead of the documented body"
        case .serverErrorOnMalformed: "a body that is not JSON is answered 500"
        case .undocumentedMember: "the success body carries a member the schema does not declare"
        case .echoBroken: "the success body does not repeat the request's address"
        case .constantBroken: "the success body's status is not \"Invited\""
        case .expiryMiscomputed: "expirationDate is one day later than insertTimestamp + expirationDays"
        case .nonIntegerAccepted: "integer members accept numbers that are not whole (10.5 is cut to 10)"
        case .serverErrorOnHugeNumber: "a number beyond int32 anywhere in the body is answered 500 (an overflow)"
        case .serverErrorOnNonASCII: "a body with text outside ASCII is answered 500 (an encoding fault)"
        case .validAddressesRefused: "valid addresses outside a naive pattern (plus tags, capitals, dots, subdomains) are refused as invalid"
        case .racyDuplicateCheck: "creates for one address that arrive at once all succeed (checked, then recorded after a pause)"
        case .wrongNow: "the time of the create is two hours behind (local time written as UTC); expiry follows it"
        case .noAllowHeader: "405 answers leave out Allow"
        }
    }
}
