import Synchronization

/// How far a run has moved the mock's clock ahead of real time, in seconds: the `now` rule
/// expects the mock's timestamps that far ahead. A move is announced before it is asked for
/// and settled once the mock confirms it, so a request in flight meanwhile allows either.
final class ClockShift: Sendable {
    private let settled = Atomic<Int64>(0)
    private let pending = Atomic<Int64>(0)

    /// The least shift the mock's clock can have now.
    var least: Int64 { settled.load(ordering: .acquiring) }

    /// The most shift the mock's clock can have now.
    var most: Int64 { settled.load(ordering: .acquiring) + pending.load(ordering: .acquiring) }

    /// Before asking the mock to move its clock.
    func announce(_ seconds: Int64) {
        pending.add(seconds, ordering: .acquiringAndReleasing)
    }

    /// After the mock answered: moved (`true`) or not.
    func settle(_ seconds: Int64, moved: Bool) {
        if moved { settled.add(seconds, ordering: .acquiringAndReleasing) }
        pending.subtract(seconds, ordering: .acquiringAndReleasing)
    }
}
