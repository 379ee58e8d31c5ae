import CaseGeneration

/// One slice of a run, `index` of `count` (1-based, as CI systems number their parallel
/// jobs): every case in exactly one slice, the same slice for the same cases, slices balanced
/// by the requests their cases send. A case is never split, so the steps that depend on each
/// other (a rule over several requests, a race, a sequence) stay together.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// This slice, from 1.
    public var index: Int
    /// How many slices the run has.
    public var count: Int

    /// Slice `index` of `count`.
    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `2/3`; `nil` unless 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            return nil
        }
        self.init(index: index, count: count)
    }

    /// `2/3`.
    public var description: String { "\(index)/\(count)" }

    /// What a case costs a run: the requests it sends (a race all of them), and a step for a
    /// clock move.
    public static func cost(of testCase: TestCase) -> Int {
        max(testCase.requests.count + testCase.steps.filter { if case .advanceClock = $0 { true } else { false } }.count, 1)
    }

    /// The positions (in `cases`) of this slice's cases, in their order: the most costly cases
    /// first, each to the slice with the least cost so far (the lowest index on a tie), ties
    /// between cases broken by id, so every slice computes the same split.
    public func positions(in cases: [TestCase]) -> [Int] {
        let order = cases.indices.sorted { a, b in
            let (costA, costB) = (Self.cost(of: cases[a]), Self.cost(of: cases[b]))
            return costA != costB ? costA > costB : (cases[a].operationId, cases[a].id, a) < (cases[b].operationId, cases[b].id, b)
        }
        var loads = Array(repeating: 0, count: count)
        var mine: [Int] = []
        for position in order {
            let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 } ?? 0
            loads[lightest] += Self.cost(of: cases[position])
            if lightest == index - 1 { mine.append(position) }
        }
        return mine.sorted()
    }
}
