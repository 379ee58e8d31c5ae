import Foundation
import TestSupport
import Testing

/// `run --write-baseline` and `run --baseline`: known drift accepted by distinct problem, new
/// drift still failing, entries that no longer occur reported, expired ones failing again.
@Suite("contract-test run --baseline")
struct BaselineTests {
    static func run(_ arguments: [String], in folder: String) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["run", "--kind", "positive,negative"] + arguments + VerifyCommandTests.reportArguments(folder, ""))
    }

    @Test(
        "a fault's problems written as a baseline pass at every seed and stay visible; a second fault fails naming only its own problem; without the faults the entries are resolved"
    )
    func knownNewResolved() async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("baseline")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let baseline = folder + "/baseline.yaml"
            let first = try Self.run(["--mock-fault", "wrong-content-type", "--write-baseline", baseline], in: folder)
            #expect(first.status == 1)
            #expect(
                first.stdout.contains(
                    "contract-test: wrote the baseline \(baseline): 1 entry, each accepted only once its reason is written in place of the TODO"))
            let written = try String(contentsOfFile: baseline, encoding: .utf8)
            // Not accepted until someone says why.
            let unreasoned = try Self.run(["--mock-fault", "wrong-content-type", "--baseline", baseline], in: folder)
            #expect(unreasoned.status == 2)
            #expect(
                unreasoned.stderr.contains(
                    "\(baseline):10:13: error: the reason is still the generated 'TODO: why this drift is accepted': write why this drift is accepted (who agreed, and a ticket if there is one)"
                ), "\(unreasoned.stderr)")
            try written.replacingOccurrences(of: "TODO: why this drift is accepted", with: "agreed with the vendor")
                .write(toFile: baseline, atomically: true, encoding: .utf8)
            #expect(
                written.contains(
                    """
                    problems:
                      - operation: "createPartnerInvitation"
                        check: content-type
                        expectation: "Content-Type text/plain"
                    """))
            for seed in ["1", "2", "3"] {
                let known = try Self.run(["--mock-fault", "wrong-content-type", "--baseline", baseline, "--seed", seed], in: folder)
                #expect(known.status == 0, "seed \(seed): \(known.stdout)")
                #expect(known.stdout.contains("KNOWN PROBLEMS (in the baseline, not failing the run): 1 distinct problem, shown by "))
                #expect(known.stdout.contains("     known: agreed with the vendor (\(baseline):6:5)"))
                let junit = try String(contentsOfFile: folder + "/junit.xml", encoding: .utf8)
                #expect(
                    junit.contains(#"failures="0""#)
                        && junit.contains(
                            "<skipped message=\"known problem, accepted by the baseline: agreed with the vendor (\(baseline):6:5)\"/>")
                )
            }
            if Prerequisites.missing("python3") == nil {
                #expect(try PythonCheck.validate(xml: folder + "/junit.xml", schema: RepositoryPaths.fixtures + "/junit/junit-10.xsd") == nil)
            }
            // The page and run.json show the problem as known, apart from the failures.
            let page = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
            #expect(page.contains("<h1><span class=\"word\">PASSED</span> "))
            #expect(page.contains("<h2>Known problems</h2>\n<p>Judged with the baseline <code>\(baseline)</code>: these do not fail the run.</p>"))
            #expect(page.contains("<details class=\"problem known\" data-operation=\"createPartnerInvitation\""))
            #expect(
                page.contains(
                    "<p class=\"acceptance\"><span class=\"label\">Baseline</span> known: agreed with the vendor (\(baseline):6:5)</p>"))
            #expect(page.contains("<p class=\"none\">No case failed.</p>"))
            #expect(page.contains("<td class=\"outcome\">known</td>") && !page.contains("<td class=\"outcome\">failed</td>"))
            let stored = try Self.json(folder + "/run.json")["baseline"] as? [String: Any]
            let known = (stored?["known"] as? [[String: Any]])?.first
            #expect(stored?["file"] as? String == baseline)
            #expect(known?["check"] as? String == "content-type" && known?["reason"] as? String == "agreed with the vendor")
            #expect(known?["listedAt"] as? String == "\(baseline):6:5" && (known?["cases"] as? Int ?? 0) >= 1)
            let again = try Self.run(["--mock-fault", "wrong-content-type", "--mock-fault", "wrong-error-shape", "--baseline", baseline], in: folder)
            #expect(again.status == 1)
            let failures = again.stdout.split(separator: "\n").filter { $0.hasPrefix("  1. ") || $0.hasPrefix("  2. ") }
            #expect(
                failures.count == 1
                    && failures[0].hasPrefix("  1. createPartnerInvitation › schema: #: required: required member 'errors' is missing"),
                "\(again.stdout)")
            #expect(again.stdout.contains(" the baseline does not accept"))
            let fixed = try Self.run(["--baseline", baseline], in: folder)
            #expect(fixed.status == 0)
            #expect(fixed.stdout.contains("RESOLVED: 1 baseline entry no problem of this run matches (remove from the baseline once fixed for good)"))
            #expect(fixed.stdout.contains("  createPartnerInvitation › content-type: Content-Type text/plain (\(baseline):6:5)"))
        }
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    @Test("slices judged with a baseline merge into a run judged with it again; slices judged with different baselines are refused")
    func mergeCarriesTheBaseline() async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("baseline-merge")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let baseline = folder + "/baseline.yaml"
            _ = try Self.run(["--mock-fault", "wrong-content-type", "--write-baseline", baseline], in: folder)
            try String(contentsOfFile: baseline, encoding: .utf8).replacingOccurrences(of: "TODO: why this drift is accepted", with: "agreed")
                .write(toFile: baseline, atomically: true, encoding: .utf8)
            for slice in ["1", "2"] {
                let outcome = try CommandRunner.run(
                    [
                        "run", "--kind", "positive,negative", "--mock-fault", "wrong-content-type", "--baseline", baseline,
                        "--shard", "\(slice)/2",
                    ] + VerifyCommandTests.reportArguments(folder, "s\(slice)-"))
                #expect(outcome.status == 0, "\(outcome.stdout)")
            }
            let merged = try CommandRunner.run(
                ["merge", folder + "/s1-run.json", folder + "/s2-run.json"] + VerifyCommandTests.reportArguments(folder, "merged-"))
            #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
            #expect(merged.stdout.contains("KNOWN PROBLEMS (in the baseline, not failing the run): 1 distinct problem, shown by "))
            // A slice judged without it: the merge cannot tell which verdict is meant.
            _ = try CommandRunner.run(
                ["run", "--kind", "positive,negative", "--mock-fault", "wrong-content-type", "--shard", "2/2"]
                    + VerifyCommandTests.reportArguments(folder, "s2-"))
            let mixed = try CommandRunner.run(
                ["merge", folder + "/s1-run.json", folder + "/s2-run.json"] + VerifyCommandTests.reportArguments(folder, "mixed-"))
            #expect(mixed.status == 2)
            #expect(
                mixed.stderr.contains(
                    "the slices were judged with different baselines: \(folder)/s1-run.json (baseline \(baseline)), \(folder)/s2-run.json (no baseline); give merge --baseline FILE to judge the whole run with one"
                ), "\(mixed.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/mixed-junit.xml"))
            let told = try CommandRunner.run(
                ["merge", folder + "/s1-run.json", folder + "/s2-run.json", "--baseline", baseline]
                    + VerifyCommandTests.reportArguments(folder, "told-"))
            #expect(told.status == 0, "\(told.stdout)\(told.stderr)")
        }
    }

    @Test("an entry past its expires date fails again, saying so")
    func expired() async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("baseline-expired")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let baseline = folder + "/baseline.yaml"
            try """
            problems:
              - operation: createPartnerInvitation
                check: content-type
                expectation: Content-Type text/plain
                reason: the vendor fixes it in release 7
                ticket: PARTNER-12
                expires: 2020-01-31
            """.write(toFile: baseline, atomically: true, encoding: .utf8)
            let outcome = try Self.run(["--mock-fault", "wrong-content-type", "--baseline", baseline], in: folder)
            #expect(outcome.status == 1)
            #expect(
                outcome.stdout.contains("     the baseline accepted it until 2020-01-31 (\(baseline):2:5): expired, so it fails again"),
                "\(outcome.stdout)")
        }
    }

    @Test(
        "a baseline it cannot use is refused before anything is sent, saying where and what was expected",
        arguments: [
            (
                "problems:\n  - operation: x\n    check: nope\n    expectation: 3\n    reason: r\n    colour: red\n",
                [
                    "3:12: error: unknown check 'nope': expected one of status, server-error, content-type, schema, header, header-schema, allow-header, undocumented-member, rule-echo, rule-constant, rule-now, rule-expiry, rule-unique, rule-one-active, response-time",
                    "4:18: error: 'expectation' must be a string, found an integer",
                    "6:5: error: unknown field 'colour': expected one of operation, check, member, expectation, example, reason, ticket, expires",
                ]
            ),
            (
                "problems:\n  - operation: x\n    check: status\n    expectation: e\n    reason: r\n    expires: 2027-02-30\n",
                ["6:14: error: 'expires' must be a date as YYYY-MM-DD (the last day the problem is accepted), found '2027-02-30'"]
            ),
            (
                "- just a list\n",
                ["1:1: error: expected a baseline (a mapping with 'problems', as `run --write-baseline` writes it), found a sequence"]
            ),
            (
                "problems:\n  - operation: x\n    check: status\n    expectation: e\n    reason: \"TODO: why this drift is accepted\"\n  - operation: y\n    check: status\n    expectation: e\n    reason: ' '\n",
                [
                    "5:13: error: the reason is still the generated 'TODO: why this drift is accepted': write why this drift is accepted (who agreed, and a ticket if there is one)",
                    "9:13: error: the reason is empty: write why this drift is accepted (who agreed, and a ticket if there is one)",
                ]
            ),
            (
                "problems:\n  - operation: x\n",
                ["2:5: error: the problem has no 'check'", "2:5: error: the problem has no 'expectation'", "2:5: error: the problem has no 'reason'"]
            ),
        ])
    func badFiles(text: String, errors: [String]) async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("baseline-bad")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try text.write(toFile: folder + "/baseline.yaml", atomically: true, encoding: .utf8)
            let outcome = try Self.run(["--baseline", folder + "/baseline.yaml"], in: folder)
            #expect(outcome.status == 2)
            let said = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix(folder) }.map {
                String($0.dropFirst(folder.count + "/baseline.yaml:".count))
            }
            #expect(said.sorted() == errors.sorted(), "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/junit.xml"), "nothing ran, nothing was written")
        }
    }
}
