import ContractRun
import Dispatch
import Foundation
import Synchronization

/// Ctrl-C during a run: it says how far the run got and that no report was written (reports are
/// written whole when a run ends, so the files on disk are the last finished run's), then ends
/// with 130, as a shell reports SIGINT.
final class Interruption: Sendable {
    /// Cases finished, of all: what the message says.
    private final class Progress: Sendable {
        let counts = Mutex<(done: Int, total: Int)>((0, 0))
    }

    private let progress = Progress()
    /// Kept so the handler lives as long as the watch; set once, never changed.
    nonisolated(unsafe) private let source: any DispatchSourceSignal

    /// Watches for SIGINT until the process ends; `reports`: the paths a finished run would write.
    init(reports: [String]) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [progress] in
            let (done, total) = progress.counts.withLock { $0 }
            Console.progress(nil)
            Console.error(
                "\ncontract-test: interrupted after \(done) of \(total) cases; no report was written (\(reports.joined(separator: ", ")) are written whole when a run ends)"
            )
            exit(ExitStatus.interrupted.rawValue)
        }
        source.resume()
    }

    /// A case finished: `done` of `total`.
    func finished(_ done: Int, of total: Int) {
        progress.counts.withLock { $0 = (done, total) }
    }
}
