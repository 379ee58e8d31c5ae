import CaseGeneration
import Checks
import Execution
import MockServer

extension EffectiveRun {
    /// One line of `contract-test config`: a setting as shown (secrets redacted: a value read
    /// from a variable is shown as the file writes it, `${NAME}`), and where it came from.
    public struct Line: Sendable, Equatable {
        /// `seed: 1`: the setting as shown.
        public var text: String
        /// Where it came from (`--seed`, `contract-test.yaml:4:9`); `nil` for a heading.
        public var origin: String?
    }

    /// Every setting a run would use, grouped as the configuration file groups them.
    public var lines: [Line] {
        var lines: [Line] = []
        func add(_ key: String, _ value: String, _ origin: SettingOrigin?, indent: Int = 0) {
            lines.append(Line(text: String(repeating: "  ", count: indent) + "\(key): \(value)", origin: origin?.description))
        }
        func add<Value>(_ key: String, _ setting: Setting<Value>?, indent: Int = 0, words: (Value) -> String = { "\($0)" }) {
            guard let setting else { return }
            add(key, setting.written ?? words(setting.value), setting.origin, indent: indent)
        }
        func section(_ name: String) { lines.append(Line(text: "\(name):", origin: nil)) }
        func list<Item>(_ items: [Item], _ words: (Item) -> String = { "\($0)" }) -> String {
            "[" + items.map(words).joined(separator: ", ") + "]"
        }

        lines.append(Line(text: "configuration file: \(configFile ?? "none")", origin: nil))
        add("environment", environment)
        add("spec", spec)
        add("rules", rules)
        add("no-remote-refs", noRemoteRefs)
        add("ref-cache", refCache)
        add("target", target) { choice in
            switch choice {
            case .mock(let faults): faults.isEmpty ? "mock" : "mock with faults " + list(faults.map(\.rawValue).sorted())
            case .sandbox: "sandbox"
            case .baseURL(let url): url
            }
        }
        add("live-data", liveData)
        if allowLiveData { add("allow-live-data", "true", .flag("--allow-live-data")) }
        section("cases")
        add("seed", seed, indent: 1)
        add("kinds", kinds, indent: 1) { list($0.map(\.rawValue)) }
        add("operations", operations, indent: 1) { $0.isEmpty ? "all" : list($0) }
        add("examples", examples, indent: 1)
        add("email-domain", emailDomain, indent: 1)
        if !caseIds.isEmpty { add("case", list(caseIds), .flag("--case"), indent: 1) }
        if let shard { add("shard", "\(shard)", .flag("--shard"), indent: 1) }
        section("checks")
        add("only", checksOnly, indent: 1) { list($0.map(\.rawValue)) }
        add("exclude", checksExcluded, indent: 1) { list($0.map(\.rawValue)) }
        add("strict", strict, indent: 1)
        add("max-response-time", maxResponseTime, indent: 1) { "\($0) ms" }
        section("budget")
        add("concurrency", concurrency, indent: 1)
        add("timeout", timeout, indent: 1) { "\($0) s" }
        add("retries", retries, indent: 1)
        add("rate-limit", rateLimit, indent: 1) { "\($0) requests/s" }
        if !headers.isEmpty {
            section("headers")
            for header in headers {
                let variables = header.value.value.variables
                let from = variables.isEmpty ? "" : " (from " + variables.map { "${\($0)}" }.joined(separator: ", ") + ")"
                add(header.value.name, header.value.value.shown + from, header.origin, indent: 1)
            }
        }
        section("credentials")
        if let oauth2 {
            add("oauth2.token-url", oauth2.value.tokenURL, oauth2.origin, indent: 1)
            add("oauth2.client-id-env", oauth2.value.clientIdVariable, oauth2.origin, indent: 1)
            add("oauth2.client-secret-env", oauth2.value.clientSecretVariable, oauth2.origin, indent: 1)
            if let scope = oauth2.value.scope { add("oauth2.scope", scope, oauth2.origin, indent: 1) }
            add("oauth2.client-auth", oauth2.value.clientAuthentication.rawValue, oauth2.origin, indent: 1)
        } else if let tokenCommand {
            add("token-command", tokenCommand, indent: 1)
        } else {
            add("token-env", tokenEnv, indent: 1)
        }
        for (scheme, variable) in schemeVariables { add("schemes.\(scheme)", variable, indent: 1) }
        add("basic-user", basicUser, indent: 1)
        if let clientCertificate {
            add("client-cert", clientCertificate.written ?? clientCertificate.value.chain, clientCertificate.origin, indent: 1)
            add("client-key", clientCertificate.value.key, clientCertificate.origin, indent: 1)
        }
        add("ca-cert", caCert)
        section("reports")
        add("junit", junit, indent: 1)
        add("json", json, indent: 1)
        add("html", html, indent: 1)
        add("har", har, indent: 1)
        add("show-problems", showProblems, indent: 1)
        add("baseline", baseline)
        if let writeBaseline { add("write-baseline", writeBaseline, .flag("--write-baseline")) }
        if !overrides.isEmpty {
            section("overrides")
            for (override, headers) in overrides {
                var parts: [String] = []
                if !override.extraStatuses.isEmpty { parts.append("expect-statuses " + list(override.extraStatuses.sorted())) }
                if !override.excludedChecks.isEmpty { parts.append("exclude-checks " + list(override.excludedChecks.map(\.rawValue).sorted())) }
                if !headers.isEmpty { parts.append("headers " + list(headers.map { "\($0.name): \($0.value.shown)" })) }
                if override.skip { parts.append("skip") }
                if let runLast = override.runLast { parts.append("run-last \(runLast)") }
                parts.append("reason: \(override.reason)")
                lines.append(Line(text: "  \(override.operationId): " + parts.joined(separator: "; "), origin: override.place))
            }
        }
        return lines
    }
}
