import Foundation
import TestSupport
import Testing

/// A whole run driven by `contract-test.yaml`: an environment whose base URL and header come
/// from variables, reports where the file says, and a per-operation override standing in
/// for drift the team accepts (the mock's `wrong-success-status` answering 201).
@Suite("contract-test run --config and contract-test config")
struct ConfigFileRunTests {
    static func configuration(folder: String, override: Bool) -> String {
        """
        spec: specs/partneraccount.yaml
        environment: local-mock
        environments:
          local-mock:
            base-url: ${MOCK_URL}
            live-data: false
            headers: {X-Partner-Id: "p-${PARTNER_ID}"}
          production:
            base-url: https://api.example.test/developerprofile
            live-data: true
        cases: {kinds: [positive, negative], seed: 4}
        reports:
          junit: \(folder)/junit.xml
          json: \(folder)/run.json
          html: \(folder)/report.html
          har: \(folder)/run.har
        \(override ? """
        overrides:
          createPartnerInvitation:
            reason: the sandbox answers 201 until PARTNER-7
            expect-statuses: [201]
        """ : "")
        """
    }

    @Test("the file chooses the environment, its base URL and header from variables, the reports and an override; flags still win")
    func wholeRun() async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("config-run")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (mock, url, _) = try CommandRunner.startMock(["--token", "cfg-token", "--fault", "wrong-success-status"])
            defer { mock.terminate() }
            let environment = ["MOCK_URL": url, "PARTNER_API_TOKEN": "cfg-token", "PARTNER_ID": "pid-secret-77"]
            try Self.configuration(folder: folder, override: true).write(toFile: folder + "/accepted.yaml", atomically: true, encoding: .utf8)
            try Self.configuration(folder: folder, override: false).write(toFile: folder + "/strict.yaml", atomically: true, encoding: .utf8)

            let accepted = try CommandRunner.run(["run", "--config", folder + "/accepted.yaml"], environment: environment)
            #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
            #expect(accepted.stdout.hasPrefix("contract-test: specs/partneraccount.yaml against local-mock (\(url)), seed 4"), "\(accepted.stdout)")
            let har = try String(contentsOfFile: folder + "/run.har", encoding: .utf8)
            #expect(har.contains(#""value" : "p-[REDACTED]""#) || har.contains(#""value":"p-[REDACTED]""#), "the header is sent and shown redacted")
            for file in ["junit.xml", "run.json", "report.html", "run.har"] {
                #expect(try !String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8).contains("pid-secret-77"), "\(file)")
            }

            let strict = try CommandRunner.run(["run", "--config", folder + "/strict.yaml"], environment: environment)
            #expect(strict.status == 1)
            #expect(
                strict.stdout.contains(
                    "  1. createPartnerInvitation › status: 201 is not documented for createPartnerInvitation (documented: 200, 400, 401, 409, 500)"),
                "\(strict.stdout)")
            #expect(
                strict.stdout.contains("replay: contract-test run --config \(folder)/strict.yaml --env local-mock --seed 4 --case "),
                "the replay names the file")

            // The file's baseline: the drift written down once, then known.
            let written = try CommandRunner.run(
                ["run", "--config", folder + "/strict.yaml", "--write-baseline", folder + "/baseline.yaml"],
                environment: environment)
            #expect(written.status == 1)
            try String(contentsOfFile: folder + "/baseline.yaml", encoding: .utf8)
                .replacingOccurrences(of: "TODO: why this drift is accepted", with: "agreed with the vendor")
                .write(toFile: folder + "/baseline.yaml", atomically: true, encoding: .utf8)
            try (Self.configuration(folder: folder, override: false) + "baseline: \(folder)/baseline.yaml\n")
                .write(toFile: folder + "/known.yaml", atomically: true, encoding: .utf8)
            let known = try CommandRunner.run(["run", "--config", folder + "/known.yaml"], environment: environment)
            #expect(known.status == 0, "\(known.stdout)")
            #expect(known.stdout.contains("KNOWN PROBLEMS (in the baseline, not failing the run): 1 distinct problem"))

            // A flag over the file: another seed, the override still applied.
            let seeded = try CommandRunner.run(["run", "--config", folder + "/accepted.yaml", "--seed", "9"], environment: environment)
            #expect(seeded.status == 0 && seeded.stdout.contains(", seed 9"))
        }
    }

    @Test("config prints each value and where it came from, a secret header by its variable only")
    func printed() async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("config-print")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let file = folder + "/contract-test.yaml"
            try Self.configuration(folder: folder, override: true).write(toFile: file, atomically: true, encoding: .utf8)
            let outcome = try CommandRunner.run(
                ["config", "--config", file, "--seed", "2", "--rate-limit", "3"],
                environment: ["MOCK_URL": "http://127.0.0.1:1/developerprofile", "PARTNER_ID": "pid-secret-77"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let lines = outcome.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: " +", with: " ", options: .regularExpression) }
            #expect(lines.contains("environment: local-mock # \(file):2:14"))
            #expect(lines.contains("target: ${MOCK_URL} # \(file):5:15, environment local-mock"))
            #expect(lines.contains("live-data: false # \(file):6:16, environment local-mock"))
            #expect(lines.contains(" seed: 2 # --seed"))
            #expect(lines.contains(" kinds: [positive, negative] # \(file):11:16"))
            #expect(lines.contains(" rate-limit: 3.0 requests/s # --rate-limit"))
            #expect(lines.contains(" timeout: 30 s # default"))
            #expect(lines.contains(" X-Partner-Id: p-[REDACTED] (from ${PARTNER_ID}) # \(file):7:29, environment local-mock"))
            #expect(lines.contains(" createPartnerInvitation: expect-statuses [201]; reason: the sandbox answers 201 until PARTNER-7 # \(file):19:5"))
            #expect(!outcome.stdout.contains("pid-secret-77") && !outcome.stdout.contains("127.0.0.1:1"))
        }
    }

    @Test("the README's example configuration is one the tool reads, for each of its environments")
    func readmeExample() async throws {
        try await CommandRunner.detached {
            let readme = try String(contentsOfFile: RepositoryPaths.root + "/README.md", encoding: .utf8)
            let start = try #require(readme.range(of: "```yaml\n# contract-test.yaml\n"))
            let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
            let folder = try VerifyCommandTests.folder("config-readme")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try String(readme[start.upperBound..<end.lowerBound]).write(toFile: folder + "/contract-test.yaml", atomically: true, encoding: .utf8)
            for environment in ["sandbox", "production", "local"] {
                let outcome = try CommandRunner.run(
                    ["config", "--config", folder + "/contract-test.yaml", "--env", environment],
                    environment: ["PARTNER_ID": "p"])
                #expect(outcome.status == 0, "\(environment): \(outcome.stderr)")
            }
        }
    }

    @Test(
        "a file or environment it cannot use is refused before anything is sent, saying where",
        arguments: [
            (["--config", "/no/such/contract-test.yaml"], "error: cannot read '/no/such/contract-test.yaml': No such file or directory\n"),
            (["--config", "FILE", "--env", "staging"], "error: no environment 'staging' in FILE: expected one of local-mock, production\n"),
            (["--config", "FILE", "--env", "local-mock"], "FILE:5:15: error: 'base-url' reads ${MOCK_URL}, which is not set\n"),
        ])
    func refused(arguments: [String], expected: String) async throws {
        try await CommandRunner.detached {
            let folder = try VerifyCommandTests.folder("config-refused")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let file = folder + "/contract-test.yaml"
            try Self.configuration(folder: folder, override: false).write(toFile: file, atomically: true, encoding: .utf8)
            let outcome = try CommandRunner.run(
                ["run"] + arguments.map { $0.replacingOccurrences(of: "FILE", with: file) },
                environment: ["MOCK_URL": "", "PARTNER_ID": "x"])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.hasPrefix(expected.replacingOccurrences(of: "FILE", with: file)), "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/junit.xml"))
        }
    }
}
