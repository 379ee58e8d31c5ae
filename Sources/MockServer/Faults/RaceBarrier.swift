import Synchronization

/// Where `racy-duplicate-check` holds the creates for one name that passed the duplicate check
/// until `width` of them have (a race's worth), then lets them all record: every create of a
/// race succeeds, on every run, however the requests are scheduled, rather than when a pause
/// happens to outlast their spread. Creates that fewer rivals join go on after `patience`.
final class RaceBarrier: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var waiting: [String: [Waiter]] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The arrivals that release each other.
    let width: Int
    let patience: Duration

    init(width: Int, patience: Duration = .milliseconds(500)) {
        self.width = width
        self.patience = patience
    }

    /// Returns once `width` creates for `key` have arrived (this one among them), or after
    /// `patience`.
    func arrive(at key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (released, id) = state.withLock { state -> ([Waiter], UInt64) in
                state.nextID += 1
                let waiter = Waiter(id: state.nextID, continuation: continuation)
                let waiters = state.waiting[key, default: []] + [waiter]
                if waiters.count >= width {
                    state.waiting[key] = nil
                    return (waiters, waiter.id)
                }
                state.waiting[key] = waiters
                return ([], waiter.id)
            }
            guard released.isEmpty else {
                for waiter in released { waiter.continuation.resume() }
                return
            }
            Task { [patience] in
                try? await Task.sleep(for: patience)
                self.giveUp(id, at: key)
            }
        }
    }

    /// Releases a waiter whose race never filled.
    private func giveUp(_ id: UInt64, at key: String) {
        let waiter = state.withLock { state -> Waiter? in
            guard var waiters = state.waiting[key], let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
            let waiter = waiters.remove(at: index)
            state.waiting[key] = waiters.isEmpty ? nil : waiters
            return waiter
        }
        waiter?.continuation.resume()
    }
}
