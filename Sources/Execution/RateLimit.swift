import Synchronization

/// At most so many requests per second across a run (`--rate-limit N`): what a shared sandbox
/// tolerates. Each request takes the next free slot, `1/N` s after the one before, and waits
/// for it; no burst builds up while the run is idle. Requests of a race are not held: they
/// must be in flight together to test what they test, so a race may briefly exceed the rate.
public final class RateLimit: Sendable {
    /// Requests per second.
    public let perSecond: Double
    private let interval: Duration
    private let clock = ContinuousClock()
    /// The earliest moment the next request may be sent.
    private let nextSlot: Mutex<ContinuousClock.Instant?> = Mutex(nil)

    /// At most `perSecond` requests a second, evenly spaced.
    public init(perSecond: Double) {
        precondition(perSecond > 0, "a rate limit is positive")
        self.perSecond = perSecond
        interval = .nanoseconds(Int64((1_000_000_000 / perSecond).rounded()))
    }

    /// Waits for this request's slot.
    public func admit() async {
        let now = clock.now
        let slot = nextSlot.withLock { next -> ContinuousClock.Instant in
            let slot = max(next ?? now, now)
            next = slot + interval
            return slot
        }
        if slot > now { try? await clock.sleep(until: slot) }
    }
}
