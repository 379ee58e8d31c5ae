import DequeModule
import SchemaValidation
import Synchronization

/// The ordinary resources the mock has created, changed and deleted, by family and id: what
/// makes a read after a create return it and a read after a delete find nothing. It holds at
/// most `capacity` of them (deleted ones count: they answer 404); when full, the one left
/// untouched longest is forgotten.
final class ResourceStore: Sendable {
    struct Key: Hashable, Sendable {
        var family: Int
        var id: String
    }

    private struct Entry {
        /// `nil`: deleted.
        var body: JSONValue?
        /// When it was last written, to find the one untouched longest.
        var sequence: Int
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Writes in order; an element is stale when its key was written again since.
        var order: Deque<(key: Key, sequence: Int)> = []
        var nextSequence = 0
        var creates = 0

        mutating func write(_ key: Key, _ body: JSONValue?, capacity: Int) -> [Key] {
            entries[key] = Entry(body: body, sequence: nextSequence)
            order.append((key, nextSequence))
            nextSequence += 1
            var evicted: [Key] = []
            while entries.count > capacity, let (oldest, sequence) = order.popFirst() {
                if entries[oldest]?.sequence == sequence {
                    entries[oldest] = nil
                    evicted.append(oldest)
                }
            }
            if order.count > 2 * max(capacity, entries.count) {
                order = Deque(entries.map { (key: $0.key, sequence: $0.value.sequence) }.sorted { $0.sequence < $1.sequence })
            }
            return evicted
        }
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity > 0, "a store holds at least one resource")
        self.capacity = capacity
    }

    func get(_ family: Int, _ id: String) -> JSONValue? {
        state.withLock { $0.entries[Key(family: family, id: id)]?.body }
    }

    func isDeleted(_ family: Int, _ id: String) -> Bool {
        state.withLock { state in
            guard let entry = state.entries[Key(family: family, id: id)] else { return false }
            return entry.body == nil
        }
    }

    /// Stores the resource; says which it forgot to make room.
    func put(_ family: Int, _ id: String, _ body: JSONValue) -> [Key] {
        state.withLock { $0.write(Key(family: family, id: id), body, capacity: capacity) }
    }

    /// Forgets the resource (remembering it was deleted); `deleted` is `false` when it already
    /// was.
    func delete(_ family: Int, _ id: String) -> (deleted: Bool, evicted: [Key]) {
        state.withLock { state in
            let key = Key(family: family, id: id)
            if let entry = state.entries[key], entry.body == nil { return (false, []) }
            return (true, state.write(key, nil, capacity: capacity))
        }
    }

    /// Forgets that the resource was deleted (a PUT made it again).
    func undelete(_ family: Int, _ id: String) {
        state.withLock { state in
            let key = Key(family: family, id: id)
            if let entry = state.entries[key], entry.body == nil { state.entries[key] = nil }
        }
    }

    /// The family number under which URLs outside every family are kept, by path.
    static let plainPaths = -1

    /// 1, 2, 3, ...: one number per create, for fresh ids.
    func nextCount() -> Int {
        state.withLock { state in
            state.creates += 1
            return state.creates
        }
    }

    func reset() {
        state.withLock { $0 = State() }
    }
}
