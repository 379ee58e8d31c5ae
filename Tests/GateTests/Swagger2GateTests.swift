import CaseGeneration
import Checks
import OpenAPIModel
import TestSupport
import Testing

@Suite("The gate on a Swagger 2.0 document")
struct Swagger2GateTests {
    @Test("the mock serves a converted 2.0 document and the gate finds nothing wrong with it, whatever the seed")
    func noFalseAlarm() async throws {
        let document = try #require(OpenAPILoader().load(file: RepositoryPaths.fixtures + "/swagger2/petstore.yaml").document)
        for seed: UInt64 in [1, 2, 3] {
            let verdict = try await GateHarness.againstMock(document, seed: seed)
            #expect(verdict.failingCases == [], "seed \(seed)")
            #expect(verdict.errors == [], "seed \(seed)")
            let kinds = Set(verdict.results.filter(\.isPassed).map(\.testCase.kind.rawValue))
            #expect(kinds.isSuperset(of: ["positive", "negative", "auth", "method", "explore"]), "seed \(seed): \(kinds.sorted())")
        }
    }
}
