import Synchronization

/// How far a run has moved the mock's clock ahead of real time, in seconds: the `now` rule
/// expects the mock's timestamps that far ahead.
final class ClockShift: Sendable {
    private let total = Atomic<Int64>(0)

    var seconds: Int64 { total.load(ordering: .acquiring) }

    func advance(by seconds: Int64) {
        total.add(seconds, ordering: .acquiringAndReleasing)
    }
}
