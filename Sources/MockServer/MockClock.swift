import BusinessRules
import Synchronization

/// The mock's time: the system clock plus an offset that the control route moves forward, so
/// a test proves expiry in milliseconds instead of days.
public final class MockClock: Sendable {
    private let offset = Mutex<Int64>(0)
    private let source: @Sendable () -> Timestamp

    /// - Parameter source: the underlying clock (the system's by default).
    public init(source: @escaping @Sendable () -> Timestamp = Timestamp.systemNow) {
        self.source = source
    }

    /// The real time plus the offset the control routes added.
    public func now() -> Timestamp {
        source().adding(seconds: offset.withLock { $0 })
    }

    /// The furthest the clock moves from the real time: 1000 years, so timestamps stay in
    /// range (RFC 3339 years end at 9999) and the arithmetic cannot overflow.
    public static let maxOffsetSeconds: Int64 = 1000 * 365 * 86_400

    /// Moves the clock forward; `false` (and no move) when that would take it beyond
    /// `maxOffsetSeconds`.
    @discardableResult
    public func advance(seconds: Int64) -> Bool {
        offset.withLock { offset in
            guard seconds >= 0, seconds <= Self.maxOffsetSeconds - offset else { return false }
            offset += seconds
            return true
        }
    }

    /// Back to the real time.
    public func reset() {
        offset.withLock { $0 = 0 }
    }
}
