import CaseGeneration
import Checks
import Execution
import MockServer
import YAMLSource

extension ConfigurationFile {
    /// The name a run looks for in its working directory when no `--config` is given.
    public static let defaultName = "contract-test.yaml"

    /// Reads a configuration file with the project's YAML loader; every problem is a
    /// diagnostic with its line and column, and a file with any error is not used.
    public static func read(file: String) -> (configuration: ConfigurationFile?, source: SourceFile?, diagnostics: [Diagnostic]) {
        let (root, source, diagnostics) = YAMLParser().parse(file: file)
        guard let root else { return (nil, source, diagnostics) }
        var reader = ConfigurationReader(diagnostics: diagnostics)
        let configuration = reader.file(root, path: file)
        return (reader.diagnostics.containsError ? nil : configuration, source, reader.diagnostics)
    }
}

/// Reads the nodes of a configuration file into its typed model, noting every problem.
struct ConfigurationReader {
    var diagnostics: [Diagnostic]

    static let topKeys = [
        "spec", "rules", "no-remote-refs", "ref-cache", "environment", "environments", "cases", "checks", "budget",
        "headers", "credentials", "ca-cert", "reports", "baseline", "overrides",
    ]
    static let caseKeys = ["seed", "kinds", "operations", "examples", "email-domain"]
    static let checkKeys = ["only", "exclude", "strict", "max-response-time"]
    static let budgetKeys = ["concurrency", "timeout", "retries", "rate-limit"]
    static let credentialKeys = ["token-env", "token-command", "oauth2", "schemes", "basic-user", "client-cert", "client-key"]
    static let oauth2Keys = ["token-url", "client-id-env", "client-secret-env", "scope", "client-auth"]
    static let reportKeys = ["junit", "json", "html", "har", "show-problems"]
    static let environmentKeys = ["target", "base-url", "live-data", "headers", "credentials", "budget", "ca-cert", "mock-faults"]
    static let overrideKeys = ["reason", "expect-statuses", "exclude-checks", "headers", "skip", "run-last"]

    mutating func error(_ message: String, at mark: Mark) {
        diagnostics.append(.error(message, at: mark))
    }

    mutating func file(_ root: Node, path: String) -> ConfigurationFile {
        var file = ConfigurationFile(path: path)
        guard
            let entries = mapping(
                root, named: "the configuration", keys: Self.topKeys,
                expected: "a configuration (a mapping of spec, environments, cases, checks, ...)")
        else { return file }
        for (key, value) in entries {
            switch key {
            case "spec": file.spec = text(value, key)
            case "rules": file.rules = text(value, key)
            case "no-remote-refs": file.noRemoteRefs = bool(value, key)
            case "ref-cache": file.refCache = text(value, key)
            case "environment": file.environment = name(value, key)
            case "environments": file.environments = environments(value)
            case "cases": file.cases = cases(value)
            case "checks": file.checks = checks(value)
            case "budget": file.budget = budget(value, key)
            case "headers": file.headers = headers(value, key)
            case "credentials": file.credentials = credentials(value, key)
            case "ca-cert": file.caCert = text(value, key)
            case "reports": file.reports = reports(value)
            case "baseline": file.baseline = text(value, key)
            case "overrides": file.overrides = overrides(value)
            default: break
            }
        }
        if let chosen = file.environment, file.environment(named: chosen.value) == nil {
            let names = file.environments.map(\.name)
            error(
                "'environment' names '\(chosen.value)', which 'environments' does not define: expected \(names.isEmpty ? "an environment defined there" : "one of " + names.joined(separator: ", "))",
                at: chosen.mark)
        }
        return file
    }

    // MARK: Sections

    mutating func cases(_ node: Node) -> ConfigurationFile.Cases {
        var cases = ConfigurationFile.Cases()
        for (key, value) in mapping(node, named: "cases", keys: Self.caseKeys) ?? [] {
            switch key {
            case "seed": cases.seed = integer(value, key, atLeast: 0).map { Sourced(UInt64($0.value), at: $0.mark) }
            case "kinds":
                let names = CaseKind.generated.map(\.rawValue)
                cases.kinds = list(value, key, of: "kinds") { reader, item in reader.choice(item, "kinds", from: names) }
            case "operations": cases.operations = list(value, key, of: "operationIds") { reader, item in reader.name(item, "operations")?.value }
            case "examples": cases.examples = integer(value, key, atLeast: 0)
            case "email-domain": cases.emailDomain = text(value, key)
            default: break
            }
        }
        return cases
    }

    mutating func checks(_ node: Node) -> ConfigurationFile.Checks {
        var checks = ConfigurationFile.Checks()
        for (key, value) in mapping(node, named: "checks", keys: Self.checkKeys) ?? [] {
            switch key {
            case "only": checks.only = checkList(value, key)
            case "exclude": checks.exclude = checkList(value, key)
            case "strict": checks.strict = bool(value, key)
            case "max-response-time": checks.maxResponseTime = integer(value, key, atLeast: 1, unit: " (milliseconds)")
            default: break
            }
        }
        return checks
    }

    mutating func budget(_ node: Node, _ name: String) -> ConfigurationFile.Budget {
        var budget = ConfigurationFile.Budget()
        for (key, value) in mapping(node, named: name, keys: Self.budgetKeys) ?? [] {
            switch key {
            case "concurrency": budget.concurrency = integer(value, key, atLeast: 1)
            case "timeout": budget.timeout = integer(value, key, atLeast: 1, unit: " (seconds)")
            case "retries": budget.retries = integer(value, key, atLeast: 0)
            case "rate-limit":
                guard let number = value.scalar?.double, value.scalarKind == .int || value.scalarKind == .float, number > 0, number.isFinite else {
                    error("'rate-limit' must be a positive number of requests per second, found \(found(value))", at: value.mark)
                    continue
                }
                budget.rateLimit = Sourced(number, at: value.mark)
            default: break
            }
        }
        return budget
    }

    mutating func credentials(_ node: Node, _ name: String) -> ConfigurationFile.Credentials {
        var credentials = ConfigurationFile.Credentials()
        for (key, value) in mapping(node, named: name, keys: Self.credentialKeys) ?? [] {
            switch key {
            case "token-env": credentials.tokenEnv = variableName(value, key)
            case "token-command": credentials.tokenCommand = text(value, key)
            case "oauth2": credentials.oauth2 = oauth2(value)
            case "schemes":
                for (scheme, variable) in mapping(value, named: "schemes", keys: nil) ?? [] {
                    if let name = variableName(variable, scheme) {
                        credentials.schemes.append(Sourced(ConfigurationFile.SchemeVariable(scheme: scheme, variable: name.value), at: variable.mark))
                    }
                }
            case "basic-user": credentials.basicUser = text(value, key)
            case "client-cert": credentials.clientCert = text(value, key)
            case "client-key": credentials.clientKey = text(value, key)
            default: break
            }
        }
        if credentials.oauth2 != nil, let command = credentials.tokenCommand {
            error("give either 'token-command' or 'oauth2', not both", at: command.mark)
        }
        if (credentials.clientCert == nil) != (credentials.clientKey == nil) {
            error("'client-cert' and 'client-key' go together", at: (credentials.clientCert ?? credentials.clientKey)?.mark ?? node.mark)
        }
        return credentials
    }

    mutating func oauth2(_ node: Node) -> ConfigurationFile.OAuth2? {
        guard let entries = mapping(node, named: "oauth2", keys: Self.oauth2Keys) else { return nil }
        var url: Sourced<VariableText>?
        var oauth2 = ConfigurationFile.OAuth2(tokenURL: Sourced(VariableText(literal: ""), at: node.mark), mark: node.mark)
        for (key, value) in entries {
            switch key {
            case "token-url": url = text(value, key)
            case "client-id-env": oauth2.clientIdEnv = variableName(value, key)
            case "client-secret-env": oauth2.clientSecretEnv = variableName(value, key)
            case "scope": oauth2.scope = text(value, key)
            case "client-auth":
                let names = OAuth2ClientCredentials.ClientAuthentication.allCases.map(\.rawValue)
                if let chosen = choice(value, key, from: names), let auth = OAuth2ClientCredentials.ClientAuthentication(rawValue: chosen) {
                    oauth2.clientAuth = Sourced(auth, at: value.mark)
                }
            default: break
            }
        }
        guard let url else {
            error("'oauth2' has no 'token-url': expected the token endpoint's URL", at: node.mark)
            return nil
        }
        oauth2.tokenURL = url
        return oauth2
    }

    mutating func reports(_ node: Node) -> ConfigurationFile.Reports {
        var reports = ConfigurationFile.Reports()
        for (key, value) in mapping(node, named: "reports", keys: Self.reportKeys) ?? [] {
            switch key {
            case "junit": reports.junit = text(value, key)
            case "json": reports.json = text(value, key)
            case "html": reports.html = text(value, key)
            case "har": reports.har = text(value, key)
            case "show-problems": reports.showProblems = integer(value, key, atLeast: 1)
            default: break
            }
        }
        return reports
    }

    mutating func environments(_ node: Node) -> [ConfigurationFile.Environment] {
        var environments: [ConfigurationFile.Environment] = []
        for (name, value) in mapping(node, named: "environments", keys: nil) ?? [] {
            var environment = ConfigurationFile.Environment(name: name, mark: value.mark)
            for (key, field) in mapping(value, named: "environment '\(name)'", keys: Self.environmentKeys) ?? [] {
                switch key {
                case "target": environment.target = choice(field, key, from: ["mock", "sandbox"]).map { Sourced($0, at: field.mark) }
                case "base-url": environment.baseURL = text(field, key)
                case "live-data": environment.liveData = bool(field, key)
                case "headers": environment.headers = headers(field, key)
                case "credentials": environment.credentials = credentials(field, key)
                case "budget": environment.budget = budget(field, key)
                case "ca-cert": environment.caCert = text(field, key)
                case "mock-faults":
                    environment.mockFaults = list(field, key, of: "faults") { reader, item in
                        reader.choice(item, "mock-faults", from: Fault.allCases.map(\.rawValue))
                    }
                default: break
                }
            }
            if let target = environment.target, environment.baseURL != nil {
                error("environment '\(name)' gives both 'target' and 'base-url': expected one", at: target.mark)
            }
            if value.isMapping, value["target"] == nil, value["base-url"] == nil {
                error(
                    "environment '\(name)' says nowhere to send the cases: expected 'base-url' (the server URL) or 'target' (mock or sandbox)",
                    at: value.mark)
            }
            if let faults = environment.mockFaults, environment.target?.value != "mock" {
                error("'mock-faults' apply to the embedded mock only (target: mock)", at: faults.mark)
            }
            environments.append(environment)
        }
        return environments
    }

    mutating func overrides(_ node: Node) -> [ConfigurationFile.Override] {
        var overrides: [ConfigurationFile.Override] = []
        for (operationId, value) in mapping(node, named: "overrides", keys: nil) ?? [] {
            var override = ConfigurationFile.Override(operationId: operationId, mark: value.mark, reason: "")
            var reason: String?
            for (key, field) in mapping(value, named: "the override of \(operationId)", keys: Self.overrideKeys) ?? [] {
                switch key {
                case "reason": reason = name(field, key)?.value
                case "expect-statuses":
                    override.expectStatuses =
                        list(field, key, of: "statuses") { reader, item in
                            guard item.scalarKind == .int, let status = item.scalar?.int, (100...599).contains(status) else {
                                reader.error("'expect-statuses' lists HTTP statuses (100 to 599), found \(reader.found(item))", at: item.mark)
                                return nil
                            }
                            return status
                        }?.value ?? []
                case "exclude-checks": override.excludeChecks = checkList(field, key)?.value ?? []
                case "headers": override.headers = headers(field, key)
                case "skip": override.skip = bool(field, key)?.value ?? false
                case "run-last": override.runLast = bool(field, key)?.value
                default: break
                }
            }
            guard value.isMapping else { continue }
            guard let reason else {
                error("the override of \(operationId) has no 'reason': say why it differs from the contract", at: value.mark)
                continue
            }
            override.reason = reason
            overrides.append(override)
        }
        return overrides
    }

    mutating func headers(_ node: Node, _ key: String) -> [Sourced<ExtraHeader>] {
        var headers: [Sourced<ExtraHeader>] = []
        for (name, value) in mapping(node, named: key, keys: nil) ?? [] {
            guard let text = text(value, name) else { continue }
            do throws(ExtraHeader.Problem) {
                headers.append(Sourced(try ExtraHeader(name: name, checking: text.value), at: value.mark))
            } catch {
                self.error(error.description, at: value.mark)
            }
        }
        return headers
    }

    // MARK: Values

    /// The entries of a mapping with scalar keys, every key outside `keys` refused (`nil`:
    /// any key, each a name of the user's: environments, operations, headers).
    mutating func mapping(_ node: Node, named name: String, keys: [String]?, expected: String? = nil) -> [(String, Node)]? {
        guard let entries = node.mapping else {
            error("expected \(expected ?? "'\(name)' to be a mapping"), found \(node.kindDescription)", at: node.mark)
            return nil
        }
        var result: [(String, Node)] = []
        for entry in entries {
            guard let key = entry.key.string ?? entry.key.scalar?.text, entry.key.scalar != nil else {
                error("expected a name as the key, found \(entry.key.kindDescription)", at: entry.key.mark)
                continue
            }
            if let keys, !keys.contains(key) {
                error("unknown key '\(key)' in \(name): expected one of \(keys.joined(separator: ", "))", at: entry.key.mark)
                continue
            }
            result.append((key, entry.value))
        }
        return result
    }

    /// "a string", or the scalar itself: what the error says was found.
    func found(_ node: Node) -> String {
        if let scalar = node.scalar, node.scalarKind != .null { return "'\(scalar.text)'" }
        return node.kindDescription
    }

    mutating func text(_ node: Node, _ key: String) -> Sourced<VariableText>? {
        guard let string = node.string ?? (node.scalarKind == .int || node.scalarKind == .float ? node.scalar?.text : nil) else {
            error("'\(key)' must be a string, found \(node.kindDescription)", at: node.mark)
            return nil
        }
        do throws(VariableText.ParseError) {
            return Sourced(try VariableText(parsing: string), at: node.mark)
        } catch {
            self.error("'\(key)': \(error.description)", at: node.mark)
            return nil
        }
    }

    /// A plain name: no variables.
    mutating func name(_ node: Node, _ key: String) -> Sourced<String>? {
        guard let string = node.string, !string.isEmpty else {
            error("'\(key)' must be a non-empty string, found \(node.kindDescription)", at: node.mark)
            return nil
        }
        return Sourced(string, at: node.mark)
    }

    /// The name of an environment variable (not its value).
    mutating func variableName(_ node: Node, _ key: String) -> Sourced<String>? {
        guard let name = name(node, key) else { return nil }
        guard (try? VariableText(parsing: "${\(name.value)}"))?.variables == [name.value] else {
            error("'\(key)' names an environment variable (letters, digits and _), found '\(name.value)'", at: node.mark)
            return nil
        }
        return name
    }

    mutating func bool(_ node: Node, _ key: String) -> Sourced<Bool>? {
        guard node.scalarKind == .bool, let value = node.scalar?.bool else {
            error("'\(key)' must be true or false, found \(found(node))", at: node.mark)
            return nil
        }
        return Sourced(value, at: node.mark)
    }

    mutating func integer(_ node: Node, _ key: String, atLeast least: Int, unit: String = "") -> Sourced<Int>? {
        guard node.scalarKind == .int, let value = node.scalar?.int, value >= least else {
            error("'\(key)' must be a whole number\(unit) of \(least) or more, found \(found(node))", at: node.mark)
            return nil
        }
        return Sourced(value, at: node.mark)
    }

    mutating func choice(_ node: Node, _ key: String, from names: [String]) -> String? {
        guard let string = node.string, names.contains(string) else {
            error("'\(key)': expected one of \(names.joined(separator: ", ")), found \(found(node))", at: node.mark)
            return nil
        }
        return string
    }

    mutating func list<Item: Sendable>(_ node: Node, _ key: String, of what: String, _ item: (inout ConfigurationReader, Node) -> Item?) -> Sourced<
        [Item]
    >? {
        guard let items = node.sequence else {
            error("'\(key)' must be a list of \(what), found \(found(node))", at: node.mark)
            return nil
        }
        var values: [Item] = []
        for element in items {
            if let value = item(&self, element) { values.append(value) }
        }
        return Sourced(values, at: node.mark)
    }

    mutating func checkList(_ node: Node, _ key: String) -> Sourced<[CheckName]>? {
        list(node, key, of: "check names") { reader, item in
            reader.choice(item, key, from: CheckName.allCases.map(\.rawValue)).flatMap(CheckName.init(rawValue:))
        }
    }
}
