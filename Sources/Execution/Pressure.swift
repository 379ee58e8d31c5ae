import Synchronization

/// How many requests a run keeps in flight, adjusted to what the target says about its load, as
/// TCP's congestion avoidance does: additive increase, multiplicative decrease.
///
/// A 429, a 503, a `Retry-After` on any answer, or a refused connection once the target has
/// answered (an overwhelmed server, not an absent one) halves the limit, never below one. It
/// halves once per round: only a request admitted after the last cut can cut again, since the
/// ones in flight then were sent under the old load. Every other answer adds `1/limit`, so the
/// limit grows by about one per round of answers, back up to the ceiling the run was given. A
/// `Retry-After` also holds every new request until it has passed (bounded by the executor).
///
/// A 429 or 503 to a request that was sent beside others is the run's own doing as much as the
/// server's: `answered` says so, and the executor retries it without charging the retry budget,
/// which is spent only on answers to requests the run sent alone. Requests of a race are
/// admitted without waiting (`admitAtOnce`): they must be in flight together to test what they
/// test.
public final class Pressure: Sendable {
    /// What made the run back off.
    public enum Signal: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
        case tooManyRequests = "429"
        case unavailable = "503"
        case retryAfter = "Retry-After"
        case refused = "refused connections"

        /// In the order declared.
        public static func < (lhs: Signal, rhs: Signal) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// What the run did under pressure, for the summary.
    public struct Report: Sendable, Codable, Equatable {
        /// The most requests in flight the run was allowed (`--concurrency`).
        public var ceiling: Int
        /// The lowest the limit went.
        public var lowest: Int
        /// The limit when the run ended.
        public var final: Int
        /// How many times the limit was halved.
        public var cuts: Int
        /// How many answers (or refusals) of each kind were heard, cutting or not.
        public var signals: [Signal: Int]

        /// A report.
        public init(ceiling: Int, lowest: Int, final: Int, cuts: Int, signals: [Signal: Int]) {
            self.ceiling = ceiling
            self.lowest = lowest
            self.final = final
            self.cuts = cuts
            self.signals = signals
        }

        /// Whether the run ever lowered its concurrency.
        public var backedOff: Bool { cuts > 0 }

        /// "backed off 3 times (503 ×5, Retry-After ×5): concurrency 12, lowest 2, at the end 5".
        public var words: String {
            let heard = signals.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) ×\($0.value)" }.joined(separator: ", ")
            let times = cuts == 1 ? "once" : "\(cuts) times"
            return "backed off \(times) (\(heard)): concurrency \(ceiling), lowest \(lowest), at the end \(final)"
        }

        /// The reports of a run's slices as one: every cut and signal, the lowest limit any
        /// slice reached.
        public static func merged(_ reports: [Report]) -> Report? {
            guard let first = reports.first else { return nil }
            return reports.dropFirst().reduce(first) { total, next in
                Report(
                    ceiling: max(total.ceiling, next.ceiling), lowest: min(total.lowest, next.lowest),
                    final: min(total.final, next.final), cuts: total.cuts + next.cuts,
                    signals: total.signals.merging(next.signals, uniquingKeysWith: +))
            }
        }
    }

    /// The round a request was admitted in: only a request of the current round may cut.
    public struct Ticket: Sendable {
        let round: Int
        let counted: Bool
        /// Whether the limit allowed others in flight beside it.
        let crowded: Bool
    }

    private struct State {
        var limit: Double
        var inFlight = 0
        var round = 0
        var lowest: Int
        var cuts = 0
        var signals: [Signal: Int] = [:]
        var answered = false
        var pausedUntil: ContinuousClock.Instant?
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// The most requests in flight the run allows.
    public let ceiling: Int
    private let state: Mutex<State>

    /// Pressure starting at `ceiling`.
    public init(ceiling: Int) {
        self.ceiling = max(ceiling, 1)
        state = Mutex(State(limit: Double(max(ceiling, 1)), lowest: max(ceiling, 1)))
    }

    /// The requests allowed in flight now.
    public var limit: Int { state.withLock { Int($0.limit) } }

    /// What happened so far.
    public var report: Report {
        state.withLock { Report(ceiling: ceiling, lowest: $0.lowest, final: Int($0.limit), cuts: $0.cuts, signals: $0.signals) }
    }

    /// Waits until a `Retry-After` has passed and a request may be in flight, then counts it in.
    public func admit() async -> Ticket {
        await waitOutPause()
        let admitted: Ticket? = state.withLock { state in
            guard state.inFlight < Int(state.limit) else { return nil }
            state.inFlight += 1
            return Ticket(round: state.round, counted: true, crowded: state.limit >= 2)
        }
        if let admitted { return admitted }
        await withCheckedContinuation { continuation in
            let now: Bool = state.withLock { state in
                if state.inFlight < Int(state.limit) {
                    state.inFlight += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
        // A waiter is resumed with its place already counted (see `wakeWaiters`).
        return state.withLock { Ticket(round: $0.round, counted: true, crowded: $0.limit >= 2) }
    }

    /// Counts in a request of a race: it does not wait for room, and is not counted against the
    /// limit, but what its answer says still moves the limit.
    public func admitAtOnce() -> Ticket {
        state.withLock { Ticket(round: $0.round, counted: false, crowded: true) }
    }

    /// The request answered `status`; `pause` is how long its `Retry-After` asks new requests
    /// to wait, when it has one. `true` when the answer asks for less and the request had
    /// company: a retry of it is not the server's to pay for.
    @discardableResult
    public func answered(_ ticket: Ticket, status: Int, retryAfter pause: Duration?) -> Bool {
        var signal: Signal?
        if status == 429 { signal = .tooManyRequests } else if status == 503 { signal = .unavailable } else if pause != nil { signal = .retryAfter }
        finish(ticket) { state in
            state.answered = true
            if let pause {
                let until = ContinuousClock.now + pause
                state.pausedUntil = max(state.pausedUntil ?? until, until)
            }
            if let signal {
                self.cut(&state, ticket, signal)
            } else {
                state.limit = min(Double(self.ceiling), state.limit + 1 / state.limit)
            }
        }
        return signal != nil && ticket.crowded
    }

    /// The request got no answer: a refused connection cuts once the target has answered before.
    public func unanswered(_ ticket: Ticket, refused: Bool) {
        finish(ticket) { state in
            if refused, state.answered { self.cut(&state, ticket, .refused) }
        }
    }

    private func cut(_ state: inout State, _ ticket: Ticket, _ signal: Signal) {
        state.signals[signal, default: 0] += 1
        guard ticket.round == state.round else { return }
        state.round += 1
        state.cuts += 1
        state.limit = max(1, (state.limit / 2).rounded(.down))
        state.lowest = min(state.lowest, Int(state.limit))
    }

    private func finish(_ ticket: Ticket, _ change: (inout State) -> Void) {
        let woken: [CheckedContinuation<Void, Never>] = state.withLock { state in
            if ticket.counted { state.inFlight -= 1 }
            change(&state)
            return Self.wakeWaiters(&state)
        }
        for continuation in woken { continuation.resume() }
    }

    /// The waiters there is room for now, each counted in.
    private static func wakeWaiters(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        var woken: [CheckedContinuation<Void, Never>] = []
        while !state.waiting.isEmpty, state.inFlight < Int(state.limit) {
            state.inFlight += 1
            woken.append(state.waiting.removeFirst())
        }
        return woken
    }

    private func waitOutPause() async {
        while let until = state.withLock({ $0.pausedUntil }), until > .now {
            try? await Task.sleep(until: until, clock: .continuous)
        }
    }
}
