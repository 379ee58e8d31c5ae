import BusinessRules
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The mock's time: the system clock plus an offset that the control route moves forward, so
/// a test proves expiry in milliseconds instead of days.
public final class MockClock: Sendable {
    private let offset = Mutex<Int64>(0)
    private let source: @Sendable () -> Timestamp

    /// - Parameter source: the underlying clock (the system's by default).
    public init(source: @escaping @Sendable () -> Timestamp = MockClock.systemNow) {
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

    @Sendable public static func systemNow() -> Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Timestamp(seconds: Int64(time.tv_sec), nanoseconds: Int32(time.tv_nsec))
    }
}
