import BusinessRules
import SchemaValidation
import Synchronization

/// The resources the mock has created, one active per name. A create is decided under a lock
/// held for a dictionary look-up, so concurrent creates for one name are decided one at a time
/// and exactly one wins, without suspending the request.
final class ResourceLedger: Sendable {
    /// One created resource.
    struct Record: Sendable {
        var operationId: String
        var key: String
        var createdAt: Timestamp
        var expiresAt: Timestamp?
        var body: JSONValue
    }

    enum Outcome {
        case created
        /// A resource of that name is active until the given time (`nil`: forever).
        case conflict(activeUntil: Timestamp?)
    }

    private struct NameKey: Hashable {
        var operationId: String
        var key: String
    }

    private struct State {
        /// Every record, oldest first, for the state route.
        var records: [Record] = []
        /// The latest record of each name, so a create is decided without a scan.
        var latest: [NameKey: Int] = [:]
    }

    private let state = Mutex(State())

    /// Records a new resource unless one of the same name is active at `now`.
    func create(_ record: Record, now: Timestamp, honourExpiry: Bool, allowDuplicates: Bool) -> Outcome {
        let name = NameKey(operationId: record.operationId, key: record.key)
        return state.withLock { state in
            if !allowDuplicates, let index = state.latest[name],
               !honourExpiry || state.records[index].expiresAt.map({ $0 > now }) ?? true {
                return .conflict(activeUntil: state.records[index].expiresAt)
            }
            state.latest[name] = state.records.count
            state.records.append(record)
            return .created
        }
    }

    /// The conflict a create of this name would meet now, or `nil` when none is active.
    func conflict(operationId: String, key: String, now: Timestamp, honourExpiry: Bool) -> Outcome? {
        state.withLock { state in
            guard let index = state.latest[NameKey(operationId: operationId, key: key)] else { return nil }
            let expiresAt = state.records[index].expiresAt
            return !honourExpiry || expiresAt.map({ $0 > now }) ?? true ? .conflict(activeUntil: expiresAt) : nil
        }
    }

    func reset() {
        state.withLock { $0 = State() }
    }

    func snapshot() -> [Record] {
        state.withLock { $0.records }
    }
}
