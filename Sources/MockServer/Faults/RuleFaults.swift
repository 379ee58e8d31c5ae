import BusinessRules
import SchemaValidation

/// The faults in what the business rules write: echoes and constants that differ, times and
/// expiries computed wrongly. The store keeps the true values; only the answer is wrong.

/// `echo-broken`: each echoed member repeats another value than the request's.
struct EchoBroken: FaultBehaviour {
    static let summary = "the success body repeats another value where it should repeat the request's (an address becomes other.<address>)"

    func adjust(_ values: inout RuleValues) {
        values.echoes = values.echoes.map { ($0.pointer, $0.value.differing) }
    }
}

/// `constant-broken`: each constant member carries another value.
struct ConstantBroken: FaultBehaviour {
    static let summary = "the success body's constant members carry other values (\"Invited\" becomes \"other.Invited\")"

    func adjust(_ values: inout RuleValues) {
        values.constants = values.constants.map { ($0.pointer, $0.value.differing) }
    }
}

/// `expiry-miscomputed`: an off-by-one-day expiry.
struct ExpiryMiscomputed: FaultBehaviour {
    static let summary = "expirationDate is one day later than insertTimestamp + expirationDays"

    func adjust(_ values: inout RuleValues) {
        values.expiresAt = values.expiresAt?.adding(days: 1)
    }
}

/// `wrong-now`: local time written as UTC, two hours behind; the expiry follows it.
struct WrongNow: FaultBehaviour {
    static let summary = "the time of the create is two hours behind (local time written as UTC); expiry follows it"

    func adjust(_ values: inout RuleValues) {
        values.now = values.now.adding(seconds: -7200)
        values.expiresAt = values.expiresAt?.adding(seconds: -7200)
    }
}

extension JSONValue {
    /// A value of the same kind that is not this one: `other.` before a string (an address
    /// stays an address), one more for a number, the other truth value.
    fileprivate var differing: JSONValue {
        switch self {
        case .string(let text): .string("other." + text)
        case .number(let number): .number(JSONNumber(number.double + 1))
        case .bool(let truth): .bool(!truth)
        case .null: .string("other")
        case .array, .object: .null
        }
    }
}
