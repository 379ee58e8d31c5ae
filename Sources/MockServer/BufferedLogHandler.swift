import Foundation
import Logging
import Synchronization

/// A log handler for a server that logs every request: lines are formatted into a shared
/// buffer and written in batches (every `flushInterval`, at 64 KiB, and at once for an
/// error or worse), so a request costs a few appends rather than a system call.
/// Lines read `2026-11-25T23:20:01Z info contract-test.mock: message key=value`.
public struct BufferedLogHandler: LogHandler {
    /// Where the lines go: one per process, shared by every logger made from it.
    public final class Sink: Sendable {
        private struct Pending {
            var bytes: [UInt8] = []
            /// The formatted time of `second`, reused within it.
            var second = 0
            var stamp: [UInt8] = []
        }

        private let pending = Mutex(Pending())
        /// Held while writing, so batches reach the file in order.
        private let writing = Mutex(())
        private let fileDescriptor: Int32
        private static let batchBytes = 64 * 1024

        /// Starts a thread that writes the pending lines every `flushInterval` for as long as
        /// the sink lives.
        public init(fileDescriptor: Int32 = STDERR_FILENO, flushInterval: Duration = .milliseconds(200)) {
            self.fileDescriptor = fileDescriptor
            let seconds = flushInterval / .seconds(1)
            Thread.detachNewThread { [weak self] in
                while true {
                    Thread.sleep(forTimeInterval: seconds)
                    guard let self else { return }
                    self.flush()
                }
            }
        }

        deinit {
            flush()
        }

        func append(level: Logger.Level, label: String, message: String, metadata: String, urgent: Bool) {
            let now = time(nil)
            let full = pending.withLock { pending in
                if pending.second != now {
                    pending.second = now
                    pending.stamp = Array(Self.timestamp(now).utf8)
                }
                pending.bytes += pending.stamp
                pending.bytes.append(UInt8(ascii: " "))
                pending.bytes += level.rawValue.utf8
                pending.bytes.append(UInt8(ascii: " "))
                pending.bytes += label.utf8
                pending.bytes += ": ".utf8
                pending.bytes += message.utf8
                if !metadata.isEmpty {
                    pending.bytes.append(UInt8(ascii: " "))
                    pending.bytes += metadata.utf8
                }
                pending.bytes.append(UInt8(ascii: "\n"))
                return pending.bytes.count >= Self.batchBytes
            }
            if full || urgent { flush() }
        }

        /// Writes what is pending.
        public func flush() {
            writing.withLock { _ in
                let bytes = pending.withLock { pending in
                    let taken = pending.bytes
                    pending.bytes.removeAll(keepingCapacity: true)
                    return taken
                }
                var offset = 0
                while offset < bytes.count {
                    let written = bytes[offset...].withUnsafeBytes { write(fileDescriptor, $0.baseAddress, $0.count) }
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }

        private static func timestamp(_ seconds: Int) -> String {
            var time = seconds
            var parts = tm()
            gmtime_r(&time, &parts)
            func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return
                "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
        }
    }

    private let sink: Sink
    private let label: String
    /// The least severe level written.
    public var logLevel: Logger.Level
    /// Metadata every line carries.
    public var metadata: Logger.Metadata = [:]

    /// A handler writing to `sink` from `level` up.
    public init(label: String, sink: Sink, level: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    /// One item of the handler's metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats the event and hands it to the sink, which writes in batches.
    public func log(event: LogEvent) {
        let merged = event.metadata.map { self.metadata.merging($0) { $1 } } ?? self.metadata
        let pairs = merged.isEmpty ? "" : merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.append(level: event.level, label: label, message: event.message.description, metadata: pairs, urgent: event.level >= .error)
    }
}
