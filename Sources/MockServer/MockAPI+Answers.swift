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
        if has(.wrongErrorShape) {
            let body = JSONValue.object(JSONObject([.init("error", .string(description))]))
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
            // `wrong-now`: the answer tells local time as UTC; the ledger keeps the true times.
            let told = has(.wrongNow) ? -7200 : Int64(0)
            body = apply(rules.response, to: body, request: request, now: now.adding(seconds: told), expiresAt: expiresAt?.adding(seconds: told))
            if let creation = rules.creation, let key = creation.key(in: request) {
                var name = has(.identitiesMerged) ? Self.normalizedWrongly(key) : key
                // `duplicate-check-on-whole-body`: the name with everything else the body says.
                if has(.duplicateCheckOnWholeBody) { name += " " + request.jsonText }
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
        body = applyFaults(to: body, template: template, rules: handler.rules)
        var status = template.status
        if has(.wrongSuccessStatus) {
            let documented = Set(handler.responses.values.map(\.status))
            status = [201, 200, 202, 203].first { !documented.contains($0) } ?? 299
        }
        let contentType =
            has(.wrongContentType) ? "text/plain; charset=utf-8" : (template.mediaType.map(MediaTypeName.concrete) ?? "application/json")
        return MockResponse(status: status, headers: [("Content-Type", contentType)] + documentedHeaders(template), body: body.jsonBytes)
    }

    /// Records a created resource unless one of its name is active. `racy-duplicate-check`
    /// looks first and records only once a race's worth of creates for the name have looked
    /// too, as a server without a unique index does when creates meet.
    private func recordCreate(_ record: ResourceLedger.Record, now: Timestamp) async -> ResourceLedger.Outcome {
        let honourExpiry = !has(.expiryIgnored)
        guard has(.racyDuplicateCheck) else {
            return logged(ledger.create(record, now: now, honourExpiry: honourExpiry, allowDuplicates: has(.duplicatesAllowed)))
        }
        if let conflict = ledger.conflict(operationId: record.operationId, key: record.key, now: now, honourExpiry: honourExpiry) {
            return conflict
        }
        await raceBarrier.arrive(at: record.operationId + " " + record.key)
        return logged(ledger.create(record, now: now, honourExpiry: honourExpiry, allowDuplicates: true))
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

    private func apply(_ rule: ResponseRule, to body: JSONValue, request: JSONValue, now: Timestamp, expiresAt: Timestamp?) -> JSONValue {
        var changes: [(pointer: JSONPointer, value: JSONValue?)] = []
        for echo in rule.echo {
            if has(.echoBroken) {
                changes.append((echo.response, .string("someone.else@example.com")))
            } else if let value = request.value(at: echo.request) {
                changes.append((echo.response, value))
            }
        }
        for constant in rule.constants {
            changes.append((constant.response, has(.constantBroken) ? .string("Pending") : constant.value))
        }
        let nowText = JSONValue.string(now.rfc3339)
        for pointer in rule.now { changes.append((pointer, nowText)) }
        if var expiry = expiresAt {
            if has(.expiryMiscomputed) { expiry = expiry.adding(days: 1) }
            let expiryText = JSONValue.string(expiry.rfc3339)
            for pointer in rule.expiry { changes.append((pointer, expiryText)) }
        }
        for pointer in rule.unique { changes.append((pointer, .string(nextID(like: body.value(at: pointer))))) }
        return body.setting(changes)
    }

    /// Breaks the success body the way the configured faults ask.
    private func applyFaults(to body: JSONValue, template: OperationHandler.ResponseTemplate, rules: OperationRules?) -> JSONValue {
        guard !configuration.faults.isEmpty, case .object = body, let shape = template.validator?.shape else { return body }
        var body = body
        if has(.missingRequiredMember), let first = shape.required.first {
            body = body.setting(nil, at: JSONPointer(tokens: [first]))
        }
        if has(.wrongMemberType),
            let name = shape.properties.first(where: { body[$0.name]?.stringValue != nil && $0.validator.shape.types == ["string"] })?.name
        {
            body = body.setting(.number(JSONNumber(12345)), at: JSONPointer(tokens: [name]))
        }
        if has(.malformedDateTime), let name = shape.properties.first(where: { $0.validator.shape.format == "date-time" })?.name {
            body = body.setting(.string("2024-09-15 12:40:24"), at: JSONPointer(tokens: [name]))
        }
        if has(.undocumentedMember) {
            body = body.setting(.string(nextUUID()), at: JSONPointer(tokens: ["internalTraceId"]))
        }
        return body
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
