import Foundation
import TestSupport
import Testing

/// Slices of a run for parallel CI jobs, and the merge of their reports.
@Suite("contract-test run --shard and merge")
struct ShardTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The ids `cases` lists, with the cost of each (its requests).
    static func ids(_ arguments: [String]) throws -> [String] {
        let outcome = try CommandRunner.run(["cases", "--format", "json", "--run-tag", "t"] + arguments)
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        return cases.compactMap { $0["id"] as? String }
    }

    @Test("the slices of a run are disjoint and together exactly the run, for several N", arguments: [2, 3, 8])
    func partition(count: Int) throws {
        let spec = ["--spec", "Tests/Fixtures/specs-corpus/pb-shipping-api.yaml"]
        let whole = try Self.ids(spec)
        var seen: [String] = []
        var sizes: [Int] = []
        for index in 1...count {
            let slice = try Self.ids(spec + ["--shard", "\(index)/\(count)"])
            #expect(try Self.ids(spec + ["--shard", "\(index)/\(count)"]) == slice, "the same slice every time")
            sizes.append(slice.count)
            seen += slice
        }
        #expect(seen.count == whole.count)
        #expect(Set(seen) == Set(whole))
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= whole.count / count / 4 + 2, "balanced: \(sizes)")
    }

    @Test("GitLab's parallel jobs choose the slice when --shard is not given, and say so")
    func gitlab() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(
            ["run", "--junit", folder.appendingPathComponent("j.xml").path, "--json", folder.appendingPathComponent("r.json").path],
            environment: ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"])
        #expect(outcome.status == 0)
        let run = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("r.json"))) as? [String: Any])
        let sliced = try #require(run["results"] as? [[String: Any]]).count
        let all = try #require(try JSONSerialization.jsonObject(with: Data(CommandRunner.run(["cases", "--format", "json"]).stdout.utf8)) as? [Any])
            .count
        #expect(
            outcome.stdout.hasPrefix("contract-test: slice 2/3 (from CI_NODE_INDEX/CI_NODE_TOTAL): \(sliced) of the run's \(all) cases\n"),
            "\(outcome.stdout.prefix(200))")
        let bad = try CommandRunner.run(["cases"], environment: ["CI_NODE_INDEX": "4", "CI_NODE_TOTAL": "3"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "error: CI_NODE_INDEX=4 and CI_NODE_TOTAL=3 do not name a slice: expected 1 ≤ index ≤ total\n")
    }

    @Test("merging the slices gives the run's cases and verdicts, a valid JUnit report and the run's exit status")
    func merge() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let fault = ["--mock-fault", "non-integer-accepted", "--seed", "4"]
        let whole = try CommandRunner.run(["run"] + fault + ["--junit", path("whole.xml"), "--json", path("whole.json")])
        #expect(whole.status == 1)
        for index in 1...3 {
            _ = try CommandRunner.run(
                ["run"] + fault + ["--shard", "\(index)/3", "--junit", path("j\(index).xml"), "--json", path("r\(index).json")])
        }
        let merged = try CommandRunner.run([
            "merge", path("r3.json"), path("r1.json"), path("r2.json"), "--junit", path("merged.xml"), "--json", path("merged.json"), "--html",
            path("merged.html"),
        ])
        #expect(merged.status == 1, "the merged verdict's exit status")
        func verdicts(_ file: String) throws -> [String] {
            let run = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path(file)))) as? [String: Any])
            let results = try #require(run["results"] as? [[String: Any]])
            return results.map { result in
                let testCase = result["testCase"] as? [String: Any]
                return "\(result["position"] ?? "") \(testCase?["id"] ?? "") \(result["outcome"] ?? "")"
            }
        }
        #expect(try verdicts("merged.json") == verdicts("whole.json"))
        let outcomes = try verdicts("whole.json").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        let (total, failed) = (outcomes.count, outcomes.filter { $0 == "failed" }.count)
        try #require(failed > 0, "the fault fails some cases")
        #expect(
            merged.stdout.split(separator: "\n").last?.hasPrefix(
                "FAILED: \(total - failed) passed, \(failed) failed, 0 errors, 0 skipped (\(total) cases in ") == true,
            "\(merged.stdout)")
        let xml = try String(contentsOfFile: path("merged.xml"), encoding: .utf8)
        #expect(xml.contains(#"<testsuite name="createPartnerInvitation" tests="\#(total)" failures="\#(failed)" errors="0" skipped="0""#))
        let page = try String(contentsOfFile: path("merged.html"), encoding: .utf8)
        #expect(page.contains(#"<h1><span class="word">FAILED</span> \#(total - failed) passed, \#(failed) failed, 0 errors, 0 skipped</h1>"#))
        #expect(!page.contains("<dt>Slice</dt>"), "the merged page is the whole run's")
    }

    @Test(
        "the merged JUnit report is valid against junit-10.xsd",
        .enabled(if: Prerequisites.missing("python3") == nil, "needs Python 3 for xmlschema"))
    func mergedJUnitValid() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let fault = ["--mock-fault", "non-integer-accepted", "--seed", "4"]
        for index in 1...2 {
            _ = try CommandRunner.run(
                ["run"] + fault + ["--shard", "\(index)/2", "--junit", path("j\(index).xml"), "--json", path("r\(index).json")])
        }
        let merged = try CommandRunner.run(["merge", path("r1.json"), path("r2.json"), "--junit", path("merged.xml")])
        #expect(merged.status == 1)
        #expect(try PythonCheck.validate(xml: path("merged.xml"), schema: RepositoryPaths.fixtures + "/junit/junit-10.xsd") == nil)
    }

    @Test(
        "reports that are not every slice of one run are refused in words",
        arguments: [
            (["1/3", "2/3"], [1, 1], "slice 3/3 is missing: every slice of the run is needed to merge it"),
            (["1/2", "1/2"], [1, 1], "slice 1/2 is given twice (REPORT1 and REPORT2)"),
            (["1/2", "2/2"], [1, 2], "REPORT2 ran with seed 2 and REPORT1 with seed 1: the slices of one run share a seed"),
        ] as [([String], [Int], String)])
    func refused(shards: [String], seeds: [Int], expected: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var reports: [String] = []
        for (offset, (shard, seed)) in zip(shards, seeds).enumerated() {
            let report = folder.appendingPathComponent("r\(offset + 1).json").path
            _ = try CommandRunner.run(["run", "--examples", "0", "--shard", shard, "--seed", "\(seed)", "--junit", report + ".xml", "--json", report])
            reports.append(report)
        }
        let outcome = try CommandRunner.run(
            ["merge"] + reports + [
                "--junit", folder.appendingPathComponent("m.xml").path,
                "--json", folder.appendingPathComponent("m.json").path,
            ])
        #expect(outcome.status == 2)
        var message = expected
        for (offset, report) in reports.enumerated() { message = message.replacingOccurrences(of: "REPORT\(offset + 1)", with: report) }
        #expect(outcome.stderr == "error: \(message)\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.xml").path), "no partial report")
    }

    @Test("slices of a multi-file document are refused when a file it references changed between them")
    func referencedFileChanged() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = folder.appendingPathComponent("doc")
        try FileManager.default.copyItem(atPath: RepositoryPaths.fixtures + "/multi-file", toPath: document.path)
        let spec = document.appendingPathComponent("openapi.yaml").path
        func slice(_ shard: String) throws -> String {
            let report = folder.appendingPathComponent("slice\(shard.prefix(1)).json").path
            let outcome = try CommandRunner.run([
                "run", "--spec", spec, "--examples", "0", "--shard", shard, "--seed", "1",
                "--junit", report + ".xml", "--json", report, "--html", report + ".html",
            ])
            #expect([0, 1].contains(outcome.status), "\(outcome.stdout)\(outcome.stderr)")
            return report
        }
        let first = try slice("1/2")
        // Only the referenced schema file changes; the file named by --spec stays as it was.
        let owner = document.appendingPathComponent("schemas/owner.yaml")
        try (String(contentsOf: owner, encoding: .utf8) + "description: An owner.\n").write(to: owner, atomically: true, encoding: .utf8)
        let second = try slice("2/2")
        let outcome = try CommandRunner.run([
            "merge", first, second, "--junit", folder.appendingPathComponent("m.xml").path,
            "--json", folder.appendingPathComponent("m.json").path, "--html", folder.appendingPathComponent("m.html").path,
        ])
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr
                == "error: \(second) and \(first) come from different documents (\(spec) and \(spec), or the same file changed): merge the slices of one run\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.xml").path), "no partial report")
    }
}
