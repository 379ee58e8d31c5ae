import BusinessRules
import Foundation
import Logging
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

extension MockAPI {
    /// A refusal with the documented body for `status` (or, for a refused request
    /// (`asValidation`) with a 4xx the operation does not document, its documented 400), the
    /// error code, description and offending members
    /// written where the rules file says the API carries them.
    func fail(
        _ handler: OperationHandler, status: Int, code: String, description: String, members: [String],
        asValidation: Bool = true
    ) -> MockResponse {
        // A refused request answers as the operation documents refusals (400, else its class)
        // when its own 4xx is not documented by code.
        let refusal = asValidation && status >= 400 && status < 500 && status != 401
        let template = handler.responses[String(status)] ?? (refusal ? handler.template(for: 400) : nil) ?? handler.template(for: status)
        guard let template else {
            var answer = problem(status, HTTPStatus.reason(status), description)
            if status == 401 { answer.headers.append(("WWW-Authenticate", challenge(handler))) }
            return answer
        }
        // `default` and ranges (`4XX`) document the status asked for.
        let answered = Responses.isShared(template.key) ? status : template.status
        var headers = documentedHeaders(template)
        if answered == 401 { headers.append(("WWW-Authenticate", challenge(handler))) }
        if let body = faults.errorBody(description: description) {
            return MockResponse(status: answered, headers: [("Content-Type", "application/json")] + headers, body: body.jsonBytes)
        }
        // A response documented without content has none.
        guard template.mediaType != nil || template.body != nil else { return MockResponse(status: answered, headers: headers, body: []) }
        var body = template.body ?? .object(JSONObject([]))
        if let rule = rules.errorBody {
            let original = body
            for (pointer, value) in [(rule.code, JSONValue.string(code)), (rule.description, .string(description))] {
                if let pointer, let parent = pointer.parent, body.value(at: parent) != nil { body = body.setting(value, at: pointer) }
            }
            if let pointer = rule.members, let parent = pointer.parent, body.value(at: parent) != nil {
                let named = members.filter { !$0.isEmpty }
                body = body.setting(named.isEmpty ? nil : .array(named.map(JSONValue.string)), at: pointer)
            }
            if let validator = template.validator, !validator.isValid(body, direction: .response) { body = original }
        }
        return MockResponse(
            status: answered,
            headers: [("Content-Type", template.mediaType.map(MediaTypeName.concrete) ?? "application/json")] + headers,
            body: body.jsonBytes)
    }

    /// The documented success answer (with `body` instead of the documented one, when given),
    /// with the business rules applied and recorded.
    func succeed(_ handler: OperationHandler, request: JSONValue, body given: JSONValue? = nil) async -> MockResponse {
        guard let key = handler.successKey, let template = handler.responses[key] else {
            let status = handler.responses.values.map(\.status).filter { $0 < 400 }.min() ?? 200
            return MockResponse(status: status)
        }
        var body = given ?? template.body ?? .null
        if let rules = handler.rules {
            let now = clock.now()
            let days = rules.creation?.days(in: request)
            let expiresAt = days.map { now.adding(days: $0) }
            body = apply(rules.response, to: body, request: request, now: now, expiresAt: expiresAt)
            if let creation = rules.creation, let key = creation.key(in: request) {
                let name = faults.creationKey(key, request: request)
                let record = ResourceLedger.Record(
                    operationId: handler.entry.id, key: name, createdAt: now, expiresAt: expiresAt, body: body.jsonBytes)
                let outcome = await recordCreate(record, now: now)
                if case .conflict(let until) = outcome {
                    let documented = handler.entry.operation.responses.byStatus[String(creation.conflictStatus)]?.description
                    let description = documented ?? "an active resource with this \(creation.identity.lastToken ?? "name") exists"
                    let detail = until.map { " (active until \($0.rfc3339))" } ?? ""
                    return fail(
                        handler, status: creation.conflictStatus, code: "conflict", description: description + detail,
                        members: [creation.identity.tokens.first ?? ""])
                }
            }
        }
        body = faults.successBody(body, shape: template.validator?.shape, uuid: nextUUID)
        let status = faults.successStatus(template.status, documented: Set(handler.responses.values.map(\.status)))
        let contentType = faults.successContentType(template.mediaType.map(MediaTypeName.concrete) ?? "application/json")
        return MockResponse(status: status, headers: [("Content-Type", contentType)] + documentedHeaders(template), body: body.jsonBytes)
    }

    /// Records a created resource unless one of its name is active. With a race barrier in the
    /// policy it looks first and records only once a race's worth of creates for the name have
    /// looked too, as a server without a unique index does when creates meet.
    private func recordCreate(_ record: ResourceLedger.Record, now: Timestamp) async -> ResourceLedger.Outcome {
        let policy = faults.creationPolicy
        guard let barrier = policy.raceBarrier else {
            return logged(ledger.create(record, now: now, honourExpiry: policy.honoursExpiry, allowDuplicates: policy.allowsDuplicates))
        }
        if let conflict = ledger.conflict(operationId: record.operationId, key: record.key, now: now, honourExpiry: policy.honoursExpiry) {
            return conflict
        }
        await barrier.arrive(at: record.operationId + " " + record.key)
        return logged(ledger.create(record, now: now, honourExpiry: policy.honoursExpiry, allowDuplicates: true))
    }

    /// Warns of each resource forgotten to stay within `--max-resources`.
    private func logged(_ created: (outcome: ResourceLedger.Outcome, evicted: [ResourceLedger.Eviction])) -> ResourceLedger.Outcome {
        for eviction in created.evicted {
            let record = eviction.record
            logger.warning(
                "forgot \(eviction.expired ? "expired" : "the oldest") resource \(record.operationId) \(record.key) (created \(record.createdAt.rfc3339)) to stay within --max-resources \(ledger.capacity)"
            )
        }
        return created.outcome
    }

    /// Writes what `rule` says into `body`: the request's values echoed, the constants, the
    /// time of the create and its expiry, fresh ids; the faults change the values first.
    private func apply(_ rule: ResponseRule, to body: JSONValue, request: JSONValue, now: Timestamp, expiresAt: Timestamp?) -> JSONValue {
        var values = RuleValues(
            now: now, expiresAt: expiresAt,
            echoes: rule.echo.compactMap { echo in request.value(at: echo.request).map { (echo.response, $0) } },
            constants: rule.constants.map { ($0.response, $0.value) })
        faults.adjust(&values)
        var changes: [(pointer: JSONPointer, value: JSONValue?)] = values.echoes.map { ($0.pointer, $0.value) }
        changes += values.constants.map { ($0.pointer, $0.value) }
        let nowText = JSONValue.string(values.now.rfc3339)
        for pointer in rule.now { changes.append((pointer, nowText)) }
        if let expiry = values.expiresAt {
            let expiryText = JSONValue.string(expiry.rfc3339)
            for pointer in rule.expiry { changes.append((pointer, expiryText)) }
        }
        for pointer in rule.unique { changes.append((pointer, .string(nextID(like: body.value(at: pointer))))) }
        return body.setting(changes)
    }

    /// Values for the response's documented headers (a new id for each string header).
    private func documentedHeaders(_ template: OperationHandler.ResponseTemplate) -> [(name: String, value: String)] {
        template.headers.compactMap { header in
            switch header.kind {
            case .identifier: (header.name, nextUUID())
            case .fixed(let value): (header.name, value)
            case .omitted: nil
            }
        }
    }
}

/// Reason phrases for problem answers.
enum HTTPStatus {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 500: "Internal Server Error"
        default: "Error"
        }
    }
}
