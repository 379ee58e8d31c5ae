import SchemaValidation
import Synchronization

/// The ordinary resources the mock has created, changed and deleted, by family and id: what
/// makes a read after a create return it and a read after a delete find nothing.
final class ResourceStore: Sendable {
    private struct State {
        var items: [Int: [String: JSONValue]] = [:]
        var deleted: [Int: Set<String>] = [:]
    }

    private let state = Mutex(State())

    func get(_ family: Int, _ id: String) -> JSONValue? {
        state.withLock { $0.items[family]?[id] }
    }

    func isDeleted(_ family: Int, _ id: String) -> Bool {
        state.withLock { $0.deleted[family]?.contains(id) ?? false }
    }

    func put(_ family: Int, _ id: String, _ body: JSONValue) {
        state.withLock { state in
            state.items[family, default: [:]][id] = body
            state.deleted[family]?.remove(id)
        }
    }

    /// Forgets the resource; `false` when it was already deleted.
    func delete(_ family: Int, _ id: String) -> Bool {
        state.withLock { state in
            state.items[family]?[id] = nil
            return state.deleted[family, default: []].insert(id).inserted
        }
    }

    func reset() {
        state.withLock { $0 = State() }
    }
}
