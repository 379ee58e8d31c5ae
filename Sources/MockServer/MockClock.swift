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

    public func now() -> Timestamp {
        source().adding(seconds: offset.withLock { $0 })
    }

    public func advance(seconds: Int64) {
        offset.withLock { $0 += seconds }
    }

    public func reset() {
        offset.withLock { $0 = 0 }
    }
}
