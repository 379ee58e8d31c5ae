import CaseGeneration
import Checks
import ContractRun
import Execution
import Foundation
import TestSupport
import Testing
import YAMLSource

/// `contract-test.yaml`: read with the project's loader, every error with its line and
/// column; flags over the file, the environment's values over the file's, defaults last.
@Suite("The configuration file")
struct ConfigurationTests {
    /// A file with `text` in a folder of its own.
    static func file(_ text: String) throws -> (path: String, remove: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/contract-test.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, { try? FileManager.default.removeItem(atPath: folder) })
    }

    /// The errors reading `text` gives, as `line:column: message`.
    static func errors(_ text: String, environment: [String: String] = [:], flags: RunSettings = RunSettings()) throws -> [String] {
        let (path, remove) = try file(text)
        defer { remove() }
        var settings = flags
        settings.configFile = path
        do {
            _ = try EffectiveRun.resolve(settings, environment: environment, defaultFile: nil)
            return []
        } catch {
            guard case .configuration(let diagnostics, _) = error else { return ["not a configuration error: \(error)"] }
            return diagnostics.map { "\($0.mark.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message)" }
        }
    }

    @Test(
        "what a file cannot say is refused where it says it, and what was expected",
        arguments: [
            (
                "colour: red\n",
                [
                    "1:1: unknown key 'colour' in the configuration: expected one of spec, rules, no-remote-refs, ref-cache, environment, environments, cases, checks, budget, headers, credentials, ca-cert, reports, baseline, overrides"
                ]
            ),
            ("- a list\n", ["1:1: expected a configuration (a mapping of spec, environments, cases, checks, ...), found a sequence"]),
            (
                "cases:\n  seed: -1\n  kinds: [positive, fuzzy]\n  examples: many\n",
                [
                    "2:9: 'seed' must be a whole number of 0 or more, found '-1'",
                    "3:21: 'kinds': expected one of positive, negative, auth, method, rules, explore, sequence, found 'fuzzy'",
                    "4:13: 'examples' must be a whole number of 0 or more, found 'many'",
                ]
            ),
            (
                "checks:\n  only: status\n  strict: yes please\n",
                [
                    "2:9: 'only' must be a list of check names, found 'status'",
                    "3:11: 'strict' must be true or false, found 'yes please'",
                ]
            ),
            (
                "budget:\n  rate-limit: 0\n  timeout: 1.5\n",
                [
                    "2:15: 'rate-limit' must be a positive number of requests per second, found '0'",
                    "3:12: 'timeout' must be a whole number (seconds) of 1 or more, found '1.5'",
                ]
            ),
            (
                "environments:\n  sandbox:\n    target: moc\n  empty: {}\n",
                [
                    "3:13: 'target': expected one of mock, sandbox, found 'moc'",
                    "4:10: environment 'empty' says nowhere to send the cases: expected 'base-url' (the server URL) or 'target' (mock or sandbox)",
                ]
            ),
            (
                "environment: staging\nenvironments:\n  local: {target: mock}\n",
                [
                    "1:14: 'environment' names 'staging', which 'environments' does not define: expected one of local"
                ]
            ),
            (
                "headers:\n  X Partner: 1\n  Content-Type: text/plain\n",
                [
                    "2:14: 'X Partner' is not a header name: expected letters, digits and !#$%&'*+-.^_`|~ only",
                    "3:17: header Content-Type cannot be added to every request: each case sends the media type it tests",
                ]
            ),
            (
                "overrides:\n  createPartnerInvitation:\n    expect-statuses: [201, 999]\n",
                [
                    "3:28: 'expect-statuses' lists HTTP statuses (100 to 599), found '999'",
                    "3:5: the override of createPartnerInvitation has no 'reason': say why it differs from the contract",
                ]
            ),
            (
                "credentials:\n  token-env: 1BAD\n  oauth2: {scope: x}\n",
                [
                    "2:14: 'token-env' names an environment variable (letters, digits and _), found '1BAD'",
                    "3:11: 'oauth2' has no 'token-url': expected the token endpoint's URL",
                ]
            ),
            ("spec: specs/${SPEC_DIR/x.yaml\n", ["1:7: 'spec': '${' is not closed: expected ${NAME} (write $${ for a literal ${)"]),
            ("# only a comment\n", ["1:1: the file is empty: expected a YAML or JSON document"]),
            ("cases:\n  seed: 1\n  seed: 2\n", ["3:3: duplicate key 'seed' in this mapping: expected each key once (first defined at 2:3)"]),
        ])
    func refused(text: String, expected: [String]) throws {
        #expect(try Self.errors(text) == expected)
    }

    @Test("a variable a used value reads must be set; one only another environment reads need not be")
    func variables() throws {
        let text = """
            environment: sandbox
            environments:
              sandbox:
                base-url: ${SANDBOX_URL}
                headers: {X-Partner-Id: "${PARTNER_ID}"}
              staging:
                base-url: ${STAGING_URL}
            """
        #expect(
            try Self.errors(text) == [
                "4:15: 'base-url' reads ${SANDBOX_URL}, which is not set", "5:29: header X-Partner-Id reads ${PARTNER_ID}, which is not set",
            ])
        #expect(try Self.errors(text, environment: ["SANDBOX_URL": "https://sandbox.test/api", "PARTNER_ID": "p"]) == [])
    }

    @Test("flags over the environment's values, the environment's over the file's, defaults last; each says where it came from")
    func precedence() throws {
        let (path, remove) = try Self.file(
            """
            environment: sandbox
            environments:
              sandbox:
                base-url: https://sandbox.test/api
                live-data: false
                budget: {rate-limit: 2, concurrency: 4}
                headers: {X-Env: sandbox}
              prod:
                base-url: https://api.test/api
                live-data: true
            budget: {concurrency: 8, retries: 5}
            cases: {seed: 7, kinds: [positive]}
            headers: {X-Env: any, X-Team: qa}
            overrides:
              createPartnerInvitation:
                reason: answers 201 until PARTNER-9
                expect-statuses: [201]
                exclude-checks: [content-type]
            """)
        defer { remove() }
        var flags = RunSettings()
        flags.configFile = path
        flags.seed = 3
        flags.headers = [try ExtraHeader(parsing: "X-Team: gate")]
        let run = try EffectiveRun.resolve(flags, environment: [:], defaultFile: nil)
        #expect(run.seed.value == 3 && run.seed.origin == .flag("--seed"))
        #expect(run.kinds.value == [.positive] && run.kinds.origin.description == "\(path):12:25")
        #expect(run.concurrency.value == 4 && run.concurrency.origin.description == "\(path):6:42, environment sandbox")
        #expect(run.retries.value == 5 && run.retries.origin.description == "\(path):11:35")
        #expect(run.timeout.value == 30 && run.timeout.origin == .builtIn)
        #expect(run.target.value == .baseURL("https://sandbox.test/api") && run.liveData?.value == false)
        #expect(
            run.headers.map { "\($0.value.name): \($0.value.value.shown) (\($0.origin))" }
                == ["X-Env: sandbox (\(path):7:22, environment sandbox)", "X-Team: gate (-H)"])
        let request = run.request(environment: [:])
        #expect(request.rateLimit == 2 && request.targetName == "sandbox")
        #expect(
            request.overrides == [
                OperationOverride(
                    operationId: "createPartnerInvitation", reason: "answers 201 until PARTNER-9", place: "\(path):16:5",
                    extraStatuses: [201], excludedChecks: [.contentType])
            ])
        #expect(
            request.cases.replayCommand(spec: "specs/partneraccount.yaml", rules: nil).hasPrefix("contract-test run --config \(path) --env sandbox"))
        flags.environment = "prod"
        flags.baseURL = "https://other.test"
        let prod = try EffectiveRun.resolve(flags, environment: [:], defaultFile: nil)
        #expect(prod.target.value == .baseURL("https://other.test") && prod.target.origin == .flag("--base-url"))
        #expect(prod.liveData?.value == true && prod.concurrency.value == 8)
    }

    @Test("--env needs a file that defines it")
    func unknownEnvironment() throws {
        var flags = RunSettings()
        flags.environment = "prod"
        #expect(throws: RunError.self) { try EffectiveRun.resolve(flags, environment: [:], defaultFile: nil) }
        let (path, remove) = try Self.file("environments:\n  local: {target: mock}\n")
        defer { remove() }
        flags.configFile = path
        do {
            _ = try EffectiveRun.resolve(flags, environment: [:], defaultFile: nil)
            Issue.record("no error")
        } catch {
            #expect(error.description == "error: no environment 'prod' in \(path): expected one of local")
        }
    }
}
