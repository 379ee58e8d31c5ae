import BusinessRules
import DequeModule
import HeapModule
import SchemaValidation
import Synchronization

/// The resources the mock has created, one active per name, at most `capacity` of them. A
/// create is decided under a lock held for a dictionary look-up, so concurrent creates for
/// one name are decided one at a time and exactly one wins, without suspending the request.
/// When full, an expired resource is forgotten first, else the oldest.
final class ResourceLedger: Sendable {
    /// One created resource; its body kept as JSON text (a third of the memory of a value).
    struct Record: Sendable {
        var operationId: String
        var key: String
        var createdAt: Timestamp
        var expiresAt: Timestamp?
        var body: [UInt8]
    }

    enum Outcome {
        case created
        /// A resource of that name is active until the given time (`nil`: forever).
        case conflict(activeUntil: Timestamp?)
    }

    /// A resource forgotten to stay within the capacity, and why.
    struct Eviction: Sendable {
        var record: Record
        var expired: Bool
    }

    private struct NameKey: Hashable {
        var operationId: String
        var key: String
    }

    /// When a record expires, ordered soonest first.
    private struct Expiry: Comparable {
        var at: Timestamp
        var sequence: Int
        static func < (lhs: Expiry, rhs: Expiry) -> Bool { (lhs.at, lhs.sequence) < (rhs.at, rhs.sequence) }
    }

    private struct State {
        /// Records by sequence number from `firstSequence`, oldest first; `nil` where one was
        /// forgotten out of order.
        var records: Deque<Record?> = []
        var firstSequence = 0
        var count = 0
        /// The sequence of the latest record of each name, so a create is decided without a scan.
        var latest: [NameKey: Int] = [:]
        var expiries = Heap<Expiry>()

        func record(_ sequence: Int) -> Record? {
            let index = sequence - firstSequence
            return records.indices.contains(index) ? records[index] : nil
        }

        mutating func remove(_ sequence: Int) -> Record? {
            let index = sequence - firstSequence
            guard records.indices.contains(index), let record = records[index] else { return nil }
            records[index] = nil
            count -= 1
            let name = NameKey(operationId: record.operationId, key: record.key)
            if latest[name] == sequence { latest[name] = nil }
            while let first = records.first, first == nil {
                records.removeFirst()
                firstSequence += 1
            }
            return record
        }

        /// Forgets one record: the soonest expired, else the oldest.
        mutating func evict(now: Timestamp) -> Eviction? {
            while let soonest = expiries.min, soonest.at <= now {
                expiries.removeMin()
                if let record = remove(soonest.sequence) { return Eviction(record: record, expired: true) }
            }
            // `remove` drops forgotten records from the front, so the first is the oldest held.
            guard !records.isEmpty else { return nil }
            return remove(firstSequence).map { Eviction(record: $0, expired: false) }
        }
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity > 0, "a ledger holds at least one resource")
        self.capacity = capacity
    }

    /// Records a new resource unless one of the same name is active at `now`; says which
    /// resources it forgot to make room.
    func create(_ record: Record, now: Timestamp, honourExpiry: Bool, allowDuplicates: Bool) -> (outcome: Outcome, evicted: [Eviction]) {
        let name = NameKey(operationId: record.operationId, key: record.key)
        return state.withLock { state in
            if !allowDuplicates, let sequence = state.latest[name], let active = state.record(sequence),
                !honourExpiry || active.expiresAt.map({ $0 > now }) ?? true
            {
                return (.conflict(activeUntil: active.expiresAt), [])
            }
            var evicted: [Eviction] = []
            while state.count >= capacity, let eviction = state.evict(now: now) {
                evicted.append(eviction)
            }
            let sequence = state.firstSequence + state.records.count
            state.records.append(record)
            state.count += 1
            state.latest[name] = sequence
            if let expiresAt = record.expiresAt { state.expiries.insert(Expiry(at: expiresAt, sequence: sequence)) }
            // Expiries of forgotten records linger in the heap until they come up; rebuild it
            // when they outnumber the records.
            if state.expiries.count > 2 * capacity {
                state.expiries = Heap(
                    state.records.indices.compactMap { index in
                        state.records[index]?.expiresAt.map { Expiry(at: $0, sequence: state.firstSequence + index) }
                    })
            }
            return (.created, evicted)
        }
    }

    /// The conflict a create of this name would meet now, or `nil` when none is active.
    func conflict(operationId: String, key: String, now: Timestamp, honourExpiry: Bool) -> Outcome? {
        state.withLock { state in
            guard let sequence = state.latest[NameKey(operationId: operationId, key: key)],
                let active = state.record(sequence)
            else { return nil }
            return !honourExpiry || active.expiresAt.map({ $0 > now }) ?? true ? .conflict(activeUntil: active.expiresAt) : nil
        }
    }

    func reset() {
        state.withLock { $0 = State() }
    }

    /// How many resources it holds, and a page of them, oldest first.
    func page(offset: Int, limit: Int) -> (total: Int, records: [Record]) {
        state.withLock { state in
            var skipped = 0
            var page: [Record] = []
            page.reserveCapacity(min(limit, state.count))
            for record in state.records {
                guard let record else { continue }
                if skipped < offset {
                    skipped += 1
                    continue
                }
                if page.count == limit { break }
                page.append(record)
            }
            return (state.count, page)
        }
    }
}
