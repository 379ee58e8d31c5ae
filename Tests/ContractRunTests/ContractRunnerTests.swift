import CaseGeneration
import Checks
import ContractRun
import Foundation
import MockServer
import Reporting
import TestSupport
import Testing

/// The run pipeline in-process: what `run`, `merge` and `verify` do, without a process.
@Suite("The run pipeline as a library")
struct ContractRunnerTests {
    private static let contract = ContractSource(spec: RepositoryPaths.contract)

    @Test("a run against the embedded mock passes without a fault and fails with one, by the summary's exit status")
    func verdictFollowsTheFault() async throws {
        let cases = CaseChoice(kinds: [.positive, .negative])
        let clean = try await ContractRunner().run(RunRequest(contract: Self.contract, cases: cases, target: .mock(faults: [])))
        #expect(ExitStatus(clean) == .passed, "\(clean.results.filter(\.isFailure).map(\.testCase.name))")
        let faulty = try await ContractRunner().run(
            RunRequest(contract: Self.contract, cases: cases, target: .mock(faults: [.wrongContentType])))
        #expect(ExitStatus(faulty) == .failures)
        #expect(faulty.specDigest == clean.specDigest && clean.specDigest != nil)
    }

    @Test("an operation's override turns a check off for it, counts a status as documented, or skips its cases with the reason")
    func overrides() async throws {
        let cases = CaseChoice(kinds: [.positive, .negative])
        func run(_ faults: Set<Fault>, _ override: OperationOverride) async throws -> RunSummary {
            var request = RunRequest(contract: Self.contract, cases: cases, target: .mock(faults: faults))
            request.overrides = [override]
            return try await ContractRunner().run(request)
        }
        let base = OperationOverride(operationId: "createPartnerInvitation", reason: "PARTNER-7", place: "contract-test.yaml:9:5")
        var checksOff = base
        checksOff.excludedChecks = [.contentType]
        #expect(ExitStatus(try await run([.wrongContentType], checksOff)) == .passed)
        var statuses = base
        statuses.extraStatuses = [201]
        #expect(ExitStatus(try await run([.wrongSuccessStatus], statuses)) == .passed)
        #expect(ExitStatus(try await run([.wrongSuccessStatus], base)) == .failures, "without the override the drift fails")
        var skipped = base
        skipped.skip = true
        let summary = try await run([.wrongContentType], skipped)
        // Nothing judged is not a pass, unless the run accepts it.
        #expect(ExitStatus(summary) == .nothingJudged && summary.skipped == summary.results.count && summary.skipped > 0)
        var accepted = summary
        accepted.nothingJudgedAccepted = true
        #expect(ExitStatus(accepted) == .passed)
        #expect(
            summary.results.allSatisfy { result in
                if case .skipped(let reason) = result.outcome {
                    reason == .configuration(reason: "PARTNER-7", place: "contract-test.yaml:9:5")
                        && reason.description == "skipped by the configuration: PARTNER-7 (contract-test.yaml:9:5)"
                } else {
                    false
                }
            })
        var unknown = base
        unknown.operationId = "nope"
        await #expect(throws: RunError.self) { try await run([], unknown) }
    }

    @Test("the slice GitLab's variables name is run, and variables that name none are a usage error in words")
    func sliceFromEnvironment() throws {
        let contract = try Self.contract.load()
        let sliced = try CaseChoice().select(from: contract, runTag: "t", environment: ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"])
        let whole = try CaseChoice().select(from: contract, runTag: "t", environment: [:])
        #expect(sliced.slice?.source == .gitLab && sliced.planned == whole.cases.count)
        #expect(sliced.positions.map { whole.cases[$0].id } == sliced.cases.map(\.id))
        do {
            _ = try CaseChoice().select(from: contract, runTag: "t", environment: ["CI_NODE_INDEX": "4", "CI_NODE_TOTAL": "3"])
            Issue.record("no error")
        } catch {
            #expect(error.description == "error: CI_NODE_INDEX=4 and CI_NODE_TOTAL=3 do not name a slice: expected 1 ≤ index ≤ total")
            #expect(error.status == .usage)
        }
    }

    @Test("an unknown operation and an unknown case are refused before anything is sent, naming what exists")
    func unknownNames() async throws {
        do {
            _ = try await ContractRunner().run(RunRequest(contract: Self.contract, cases: CaseChoice(operations: ["nope"])))
            Issue.record("no error")
        } catch {
            #expect(error.description == "error: no operation 'nope' in \(RepositoryPaths.contract): expected one of createPartnerInvitation")
        }
        do {
            _ = try await ContractRunner().run(RunRequest(contract: Self.contract, cases: CaseChoice(seed: 7, caseIds: ["0000"])))
            Issue.record("no error")
        } catch {
            #expect(
                error.description
                    == "error: no case '0000' for seed 7 in \(RepositoryPaths.contract): `contract-test cases --seed 7` lists every case with its id")
        }
    }

    @Test("merge refuses a file that is JSON but no run report, saying where and what was expected")
    func mergeRefusesNonReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/run.json"
        try Data(#"{"format": \#(StoredRun.currentFormat)}"#.utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try SliceMerge.merge([file])
            Issue.record("no error")
        } catch {
            guard case .notAReport(let path, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(path == file)
            #expect(error.description.hasPrefix("error: \(file) is not a contract-test JSON report ('"))
            #expect(error.description.hasSuffix("is missing (at /)): expected what run --json writes"))
        }
    }
}
