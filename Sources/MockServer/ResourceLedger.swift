import BusinessRules
import SchemaValidation

/// The resources the mock has created, one active per name: an actor, so concurrent creates
/// for one name are decided one at a time and exactly one wins.
actor ResourceLedger {
    /// One created resource.
    struct Record: Sendable {
        var operationId: String
        var key: String
        var createdAt: Timestamp
        var expiresAt: Timestamp?
        var body: JSONValue
    }

    private var records: [Record] = []

    enum Outcome {
        case created
        /// A resource of that name is active until the given time (`nil`: forever).
        case conflict(activeUntil: Timestamp?)
    }

    /// Records a new resource unless one of the same name is active at `now`.
    func create(_ record: Record, now: Timestamp, honourExpiry: Bool, allowDuplicates: Bool) -> Outcome {
        if !allowDuplicates, let active = records.last(where: { existing in
            existing.operationId == record.operationId && existing.key == record.key
                && (!honourExpiry || existing.expiresAt.map { $0 > now } ?? true)
        }) {
            return .conflict(activeUntil: active.expiresAt)
        }
        records.append(record)
        return .created
    }

    func reset() {
        records.removeAll()
    }

    func snapshot() -> [Record] {
        records
    }
}
