import BusinessRules
import Foundation
import SchemaValidation
import Synchronization
import YAMLSource

/// The faults in what the mock keeps: the one-active check done wrong, ids that repeat.

/// `duplicate-invitations`: no one-active check at all.
struct DuplicatesAllowed: FaultBehaviour {
    static let summary = "a second create while one is active succeeds instead of 409"

    func adjust(_ policy: inout CreationPolicy) { policy.allowsDuplicates = true }
}

/// `expiry-ignored`: an expired resource still counts as active.
struct ExpiryIgnored: FaultBehaviour {
    static let summary = "an expired invitation still blocks a new one with 409"

    func adjust(_ policy: inout CreationPolicy) { policy.honoursExpiry = false }
}

/// `racy-duplicate-check`: check, then record, with nothing between them, as a server without a
/// unique index does when creates meet; the barrier makes every race's creates meet.
struct RacyDuplicateCheck: FaultBehaviour {
    static let summary =
        "creates for one address that arrive at once all succeed (each checked, then recorded once the race's other creates have checked too)"

    private let barrier = RaceBarrier(width: CreationRule.raceWidth)

    func adjust(_ policy: inout CreationPolicy) { policy.raceBarrier = barrier }
}

/// `identities-merged`: names keyed by an over-eager normalizer: lower case, accents folded, and
/// in an address's local part a plus tag dropped and dots removed.
struct IdentitiesMerged: FaultBehaviour {
    static let summary =
        "the one-active check compares names normalized: plus tags and dots dropped, accents folded (two different addresses become one)"

    func creationKey(_ key: String, request: JSONValue) -> String {
        let folded = String(
            String.UnicodeScalarView(
                key.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                    $0.properties.generalCategory != .nonspacingMark
                }))
        guard let at = folded.lastIndex(of: "@") else { return folded }
        var local = folded[..<at]
        if let plus = local.firstIndex(of: "+") { local = local[..<plus] }
        return local.replacingOccurrences(of: ".", with: "") + folded[at...]
    }
}

/// `duplicate-check-on-whole-body`: the name with everything else the body says, so another
/// member makes a second create for an active name succeed.
struct DuplicateCheckOnWholeBody: FaultBehaviour {
    static let summary =
        "the one-active check compares whole bodies: a second create for an active name with other members succeeds"

    func creationKey(_ key: String, request: JSONValue) -> String { key + " " + request.jsonText }
}

/// `ids-repeat`: a counter that wraps, so the id of every `period`-th create comes again.
final class IDsRepeat: FaultBehaviour {
    static let summary = "generated ids repeat every 20 creates (a counter that wraps)"
    /// After how many creates an id comes again.
    static let period = 20

    private let issued = Mutex<(ids: [String], count: Int)>(([], 0))

    init() {}

    func id(_ made: String) -> String {
        issued.withLock { issued in
            issued.count += 1
            if issued.ids.count < Self.period { issued.ids.append(made) }
            return issued.ids[(issued.count - 1) % Self.period]
        }
    }

    func reset() { issued.withLock { $0 = ([], 0) } }
}
