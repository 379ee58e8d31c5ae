import BusinessRules
import Execution
import SchemaValidation
import YAMLSource

/// What recorded traffic has said so far about the resources its creates made, per server and
/// operation, in the traffic's order: the `unique` values handed out and the resources created.
/// The rules over several answers are judged against it as each success arrives.
struct TrafficLedger: Sendable {
    /// One server's store of one operation's resources.
    struct Scope: Hashable, Sendable {
        /// The server's place among those the traffic is judged below.
        var server: Int
        var operation: Int
    }

    /// What identifies one exchange however often it is recorded (two files of one session).
    private struct Record: Hashable, Sendable {
        var method: String
        var url: String
        var request: [UInt8]
        var response: [UInt8]
    }

    private var handedOut: [Scope: [JSONPointer: [JSONValue: String]]] = [:]
    private var created: [Scope: [String: [CreatedResource]]] = [:]
    private var entered: Set<Record> = []

    /// The rules a success answer breaks given the answers before it; the answer is then
    /// entered. An exchange entered before (the same request and answer, byte for byte) is the
    /// same exchange recorded twice: it breaks nothing and adds nothing.
    mutating func enter(
        _ exchange: Exchange, source: String, scope: Scope, rules: OperationRules,
        checks: Set<CheckName>
    ) -> [RuleViolation] {
        guard let response = exchange.response, let body = exchange.successBody else { return [] }
        let record = Record(
            method: exchange.request.method.uppercased(), url: exchange.request.url,
            request: exchange.request.body ?? [], response: response.body)
        guard entered.insert(record).inserted else { return [] }
        var violations: [RuleViolation] = []
        for pointer in rules.response.unique {
            guard let value = body.value(at: pointer) else { continue }
            if let first = handedOut[scope, default: [:]][pointer, default: [:]][value] {
                if checks.contains(.ruleUnique) { violations.append(rules.uniqueRepeated(value, at: pointer, firstIn: first)) }
            } else {
                handedOut[scope, default: [:]][pointer, default: [:]][value] = source
            }
        }
        let request = exchange.request.body.flatMap { try? JSONParser().parse($0) }
        if let request, let resource = rules.createdResource(request: request, response: body, source: source) {
            let earlier = created[scope, default: [:]][resource.key, default: []]
            if checks.contains(.ruleOneActive),
                let violation = earlier.lazy.compactMap({ rules.checkOneActive(resource, status: response.status, after: $0) }).first
            {
                violations.append(violation)
            }
            created[scope, default: [:]][resource.key, default: []].append(resource)
        }
        return violations
    }
}
