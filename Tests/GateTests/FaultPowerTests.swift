import CaseGeneration
import Checks
import Execution
import MockServer
import Reporting
import SchemaValidation
import Testing

/// The gate's verdict does not depend on the seed: every named fault of the mock is caught by
/// the default run at seeds 1 to 10, by the check that names its drift, and the fault-free
/// mock passes at every seed even with many random bodies.
@Suite("The default gate against every fault, at every seed")
struct FaultPowerTests {
    static let seeds: [UInt64] = Array(1...10)

    /// The check each fault must fail (`undocumented-member` is judged by strict runs only).
    static let expectedCheck: [Fault: CheckName] = [
        .wrongSuccessStatus: .status, .missingRequiredMember: .schema, .wrongMemberType: .schema,
        .malformedDateTime: .schema, .wrongContentType: .contentType, .invalidInputAccepted: .status,
        .authIgnored: .status, .duplicatesAllowed: .ruleOneActive, .expiryIgnored: .status,
        .wrongErrorShape: .schema, .serverErrorOnMalformed: .serverError, .undocumentedMember: .undocumentedMember,
        .echoBroken: .ruleEcho, .constantBroken: .ruleConstant, .expiryMiscomputed: .ruleExpiry,
        .nonIntegerAccepted: .status, .serverErrorOnHugeNumber: .serverError, .serverErrorOnNonASCII: .serverError,
        .validAddressesRefused: .status, .racyDuplicateCheck: .ruleOneActive, .wrongNow: .ruleNow,
        .noAllowHeader: .allowHeader, .identitiesMerged: .ruleOneActive,
        .extraMembersRefused: .status, .memberOrderRequired: .status, .memberNamesCaseInsensitive: .status,
        .authSchemeCaseSensitive: .status, .duplicateCheckOnWholeBody: .ruleOneActive, .idsRepeat: .ruleUnique,
        .traceEchoes: .status, .serverErrorOnGzip: .serverError, .gzipUnlabelled: .schema,
    ]

    /// Faults whose every failure of its check has one cause, whatever member a case varied:
    /// each must be exactly one problem of that check.
    static let singleCause: Set<Fault> = [
        .wrongContentType, .serverErrorOnHugeNumber, .serverErrorOnNonASCII, .serverErrorOnMalformed, .serverErrorOnGzip,
    ]

    @Test("every fault has the check that must catch it")
    func everyFaultNamed() {
        #expect(Set(Fault.allCases).subtracting(Self.expectedCheck.keys) == [])
    }

    @Test("a fault is caught at every seed, by its check", arguments: Fault.allCases)
    func caught(fault: Fault) async throws {
        let expected = try #require(Self.expectedCheck[fault])
        // Undeclared members are allowed unless the run is strict (`--strict`).
        let verdicts = try await GateHarness.run(faults: [fault], seeds: Self.seeds, strict: expected == .undocumentedMember)
        var causes: [UInt64: Set<String>] = [:]
        for seed in Self.seeds {
            let verdict = try #require(verdicts[seed])
            #expect(
                verdict.failedChecks.contains(expected),
                "seed \(seed): \(fault.rawValue) not caught by \(expected.rawValue); failed: \(verdict.failedChecks.map(\.rawValue).sorted())")
            causes[seed] = Set(Problem.group(verdict.results).map { "\($0.check.rawValue) \($0.member ?? "") \($0.fingerprint.expectation)" })
        }
        // One defect is the same problems at every seed: one cause, one problem, however the
        // cases that found it were chosen and shrunk.
        let first = causes[Self.seeds[0]] ?? []
        if Self.singleCause.contains(fault) {
            #expect(first.filter { $0.hasPrefix(expected.rawValue + " ") }.count == 1, "\(fault.rawValue): \(first.sorted())")
        }
        for seed in Self.seeds.dropFirst() {
            #expect(causes[seed] == first, "seed \(seed) found other problems than seed \(Self.seeds[0]): \(causes[seed] ?? []) against \(first)")
        }
    }

    @Test("a mock that accepts every documented reading of a format, and echoes it, passes at every seed")
    func lenientReadings() async throws {
        let (document, rules) = GateHarness.contract
        for seed in Self.seeds {
            let verdict = try await GateHarness.againstMock(document, rules: rules, seed: seed, formatReading: .anyReading)
            #expect(verdict.failingCases == [], "seed \(seed)")
            #expect(verdict.errors == [], "seed \(seed)")
            // It did accept what only some readings accept: the answers carried those addresses.
            let accepted = verdict.results.compactMap { result -> String? in
                guard result.testCase.focus?.validity == .either, let status = result.exchanges.last?.response?.status,
                    (200..<300).contains(status)
                else { return nil }
                return result.testCase.focus?.valueClass
            }
            #expect(
                Set(accepted).isSuperset(of: [
                    "a leading dot (WHATWG allows it, RFC 5321 and 5322 do not)", "a dot before the @ (WHATWG allows it, RFC 5321 and 5322 do not)",
                    "accented letters before the @ (RFC 6531)", "an internationalized domain (RFC 6531)",
                ]), "seed \(seed): \(accepted)")
        }
    }

    @Test("the fault-free mock passes at every seed, with 200 random bodies")
    func faultFree() async throws {
        let verdicts = try await GateHarness.run(faults: [], seeds: Self.seeds, examples: 200)
        for seed in Self.seeds {
            let verdict = try #require(verdicts[seed])
            #expect(verdict.failingCases == [], "seed \(seed)")
            #expect(verdict.errors == [], "seed \(seed)")
        }
    }
}
