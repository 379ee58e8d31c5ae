import CaseGeneration

/// The order in which a run starts its cases, within its concurrency: cases of several steps
/// first (longest first, so the slowest chains do not finish last), single requests beside
/// them, and the chain of clock-moving cases once no other case of several steps is running or
/// waiting. Cases that delete a resource other cases may read (a DELETE that is not a
/// sequence's own resource) start only once every other case has finished, and cases that may
/// change the run's credentials or the server's settings after those, one after another. A
/// race counts each of its requests against the concurrency.
struct SchedulePlan {
    /// Cases that run one after another in one slot.
    struct Work: Sendable {
        enum Kind: Sendable {
            case single, multiStep, clockChain, deleting, last
        }

        var indices: [Int]
        var width: Int
        var kind: Kind
    }

    private var multiStep: [Work]
    private var singles: [Work]
    private var clockChain: Work?
    private var deleting: [Work]
    /// Cases that may change the run's credentials or the server's settings: last, in turn.
    private var lastChain: Work?
    private var nextDeleting = 0
    private var nextSingle = 0
    private var nextMulti = 0
    private var inFlight = 0
    private var multiStepRunning = 0
    private var clockRunning = false
    /// Requests in flight of deleting cases.
    private var deletingInFlight = 0

    /// `done`: cases already run (the credentials' proofs); `last`: cases that may change the
    /// run's credentials or the server's settings, run one after another in this order once
    /// every other case has finished.
    init(_ cases: [TestCase], done: Set<Int> = [], last: [Int] = []) {
        let lastSet = Set(last)
        let open = cases.indices.filter { !done.contains($0) && !lastSet.contains($0) }
        let final = last.filter { !done.contains($0) }
        lastChain = final.isEmpty ? nil : Work(indices: final, width: final.map { cases[$0].width }.max() ?? 1, kind: .last)
        let clock = open.filter { cases[$0].needsMockClock }
        clockChain = clock.isEmpty ? nil : Work(indices: clock, width: 1, kind: .clockChain)
        let ordinary = open.filter { !cases[$0].needsMockClock && !cases[$0].deletesSharedResource }
        multiStep =
            ordinary
            .filter { cases[$0].steps.count > 1 || cases[$0].width > 1 }
            .sorted { cases[$0].steps.count > cases[$1].steps.count }
            .map { Work(indices: [$0], width: cases[$0].width, kind: .multiStep) }
        singles =
            ordinary
            .filter { cases[$0].steps.count <= 1 && cases[$0].width == 1 }
            .map { Work(indices: [$0], width: 1, kind: .single) }
        deleting =
            open
            .filter { !cases[$0].needsMockClock && cases[$0].deletesSharedResource }
            .map { Work(indices: [$0], width: cases[$0].width, kind: .deleting) }
    }

    /// The next work to start with `capacity` requests in flight at most, or `nil` when none
    /// may start now.
    mutating func next(capacity: Int) -> Work? {
        func fits(_ work: Work) -> Bool { inFlight == 0 || inFlight + work.width <= capacity }
        if let chain = clockChain, nextMulti == multiStep.count, multiStepRunning == 0, fits(chain) {
            clockChain = nil
            clockRunning = true
            return started(chain)
        }
        if !clockRunning, nextMulti < multiStep.count {
            let work = multiStep[nextMulti]
            if fits(work) {
                nextMulti += 1
                multiStepRunning += 1
                return started(work)
            }
            // Keep room for it: single requests would otherwise take every slot it frees.
            return nil
        }
        if nextSingle < singles.count {
            guard fits(singles[nextSingle]) else { return nil }
            nextSingle += 1
            return started(singles[nextSingle - 1])
        }
        let othersDone =
            clockChain == nil && !clockRunning && nextMulti == multiStep.count && multiStepRunning == 0
            && inFlight == deletingInFlight
        if othersDone, nextDeleting < deleting.count, fits(deleting[nextDeleting]) {
            nextDeleting += 1
            deletingInFlight += deleting[nextDeleting - 1].width
            return started(deleting[nextDeleting - 1])
        }
        if othersDone, nextDeleting == deleting.count, inFlight == 0, let chain = lastChain {
            lastChain = nil
            return started(chain)
        }
        return nil
    }

    mutating func finished(_ work: Work) {
        inFlight -= work.width
        switch work.kind {
        case .multiStep: multiStepRunning -= 1
        case .clockChain: clockRunning = false
        case .deleting: deletingInFlight -= work.width
        case .single, .last: break
        }
    }

    private mutating func started(_ work: Work) -> Work {
        inFlight += work.width
        return work
    }
}
