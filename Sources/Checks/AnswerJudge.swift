import BusinessRules
import CaseGeneration
import Execution
import Foundation
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import Synchronization
import YAMLSource

/// Judges one answer against the contract: the status is documented and what the case
/// expects (never a 5xx), the `Content-Type` is documented, the body validates against the
/// documented schema, documented required headers are there, a 405 says what is allowed, the
/// business rules hold, and in strict mode no member is undocumented. Only the selected checks
/// report.
public final class AnswerJudge: Sendable {
    let document: OpenAPIDocument
    let rules: BusinessRules
    /// The checks that report failures.
    public let checks: Set<CheckName>
    /// Seconds an answer may take (`--max-response-time`); `nil`: any.
    public let maxResponseTime: Double?
    /// Operations' exceptions by operationId (the configuration file's `overrides`).
    public let overrides: [String: OperationOverride]
    /// The compiler, and the validators it made by operation, status key and media type:
    /// each compiled when an answer first needs it (a document may have thousands).
    let compiled: Mutex<(compiler: SchemaCompiler, validators: [String: SchemaValidator?])>

    /// `compiler`: one that has compiled the document's other schemas already (the request
    /// schemas of recorded traffic), so what they share is compiled once; it is the judge's from now on.
    /// `maxResponseTime`: seconds; judged by the `response-time` check when `checks` holds it.
    public init(
        document: OpenAPIDocument, rules: BusinessRules, checks: Set<CheckName> = CheckName.selection(only: nil, excluded: [], strict: false),
        maxResponseTime: Double? = nil, overrides: [OperationOverride] = [], compiler: sending SchemaCompiler? = nil
    ) {
        self.document = document
        self.rules = rules
        self.checks = checks
        self.maxResponseTime = maxResponseTime
        self.overrides = Dictionary(overrides.map { ($0.operationId, $0) }, uniquingKeysWith: { $1 })
        compiled = Mutex((compiler ?? SchemaCompiler(document: document), [:]))
    }

    /// Every way the answer to `request` differs from the contract and the expectation.
    /// `statusOnly`: an answer to a method the path does not declare belongs to no operation,
    /// so only its status (and a 405's `Allow`) is judged.
    public func judge(
        _ exchange: Exchange, expectation: Expectation, operation: OperationEntry,
        request: RequestSpec, checkRules: Bool, statusOnly: Bool = false
    ) -> [CheckFailure] {
        guard let response = exchange.response else { return [] }
        var failures = judgeStatus(
            response.status, expectation: expectation, operation: operation, request: request,
            location: (300..<400).contains(response.status) ? response.header("Location") : nil)
        if case .refusedMethod = expectation, (200..<300).contains(response.status),
            String(decoding: response.body, as: UTF8.self).lowercased().contains("authorization:")
        {
            failures = [
                CheckFailure(
                    check: .status,
                    message:
                        "expected \(expectation), found \(response.status): the \(request.method) was served and its answer echoes the request, credentials included (a cross-site tracing risk)",
                    specLocation: document.paths[operation.path].map { SpecLocation($0.location) }, expectation: "\(request.method) refused")
            ]
        }
        if response.status == 405 { failures += judgeAllow(response, operation: operation, method: request.method) }
        let responses = operation.operation.responses
        if let key = responses.documentingKey(for: response.status), let documented = responses.byStatus[key], !statusOnly {
            failures += judgeBody(response, documented: documented, key: key, operation: operation)
            failures += judgeHeaders(response, documented: documented, key: key, operation: operation)
        }
        if let limit = maxResponseTime, let time = exchange.answerTime, time > limit {
            failures.append(Self.slowAnswer(time, limit: limit))
        }
        if checkRules, (200..<300).contains(response.status), let operationRules = rules.rules(for: operation.operation.operationId),
            let sent = request.json, let body = try? JSONParser().parse(response.body)
        {
            for violation in operationRules.check(request: sent, response: body, timing: exchange.timing) {
                failures.append(Self.failure(violation))
            }
        }
        let judging = checks(for: operation.id)
        return failures.filter { judging.contains($0.check) }
    }

    /// The checks that judge an operation's answers: the run's, less those its override turns off.
    public func checks(for operationId: String) -> Set<CheckName> {
        guard let excluded = overrides[operationId]?.excludedChecks, !excluded.isEmpty else { return checks }
        return checks.subtracting(excluded)
    }

    /// A broken business rule as a check failure.
    public static func failure(_ violation: RuleViolation) -> CheckFailure {
        CheckFailure(
            check: CheckName(rule: violation.rule), message: violation.message, pointer: violation.pointer,
            specLocation: violation.mark.map(SpecLocation.rule), expectation: violation.rule.rawValue)
    }

    /// `redirect`: a redirect's `Location`, said with the status (where the server sends the
    /// client is what tells a moved path from a wrong one).
    private func judgeStatus(
        _ status: Int, expectation: Expectation, operation: OperationEntry, request: RequestSpec,
        location redirect: String?
    ) -> [CheckFailure] {
        if case .orRefusedReference(let inner, _) = expectation {
            // A reference to something the run never created: the server may refuse to have it
            // named, with whatever 4xx it chooses, documented or not.
            return (400..<500).contains(status)
                ? [] : judgeStatus(status, expectation: inner, operation: operation, request: request, location: redirect)
        }
        if case .orAbsent(let inner) = expectation {
            // A made-up id that names nothing: the answer a server owes (404, or 410 where it
            // holds that such a thing is gone), documented or not.
            return [404, 410].contains(status)
                ? [] : judgeStatus(status, expectation: inner, operation: operation, request: request, location: redirect)
        }
        let responses = operation.operation.responses
        let key = responses.documentingKey(for: status)
        if key == nil, PrescribedRefusal.provoked(status, by: request, operation: operation.operation) {
            // What the case deliberately sent (a type the operation does not take, content past
            // any server's limit) may be refused so, documented or not (RFC 9110).
            return []
        }
        let location = SpecLocation(key.flatMap { responses.byStatus[$0] }?.location ?? operation.operation.location)
        let expected = "expected \(expectation), found \(status)" + (redirect.map { " (Location: \($0))" } ?? "")
        // A status the configuration says the operation may answer counts as documented.
        let listedByOverride = overrides[operation.id]?.extraStatuses.contains(status) ?? false
        if (status > 500 && key == String(status)) || (status >= 500 && listedByOverride) {
            // A server error the operation documents by its own code, for a condition of its
            // own (`501: Session not available`): an answer the contract allows any request.
            // A documented 500 is only the admission that anything can break.
            return []
        }
        if status >= 500 {
            // One cause whatever the case expected: what it says does not depend on the case.
            return [
                CheckFailure(
                    check: .serverError, message: "answered \(status): a server error is never a conforming answer",
                    specLocation: location, expectation: "no 5xx, found \(status)")
            ]
        }
        if !expectation.accepts(status) {
            if case .conflict = expectation {
                return [CheckFailure(check: .ruleOneActive, message: expected, specLocation: location, expectation: expected)]
            }
            if case .distinctName(let probe) = expectation, status == probe.conflictStatus {
                let creation = rules.rules(for: operation.operation.operationId)?.creation
                let sent = creation.flatMap { request.json?.value(at: $0.identity)?.stringValue } ?? "the second"
                return [
                    CheckFailure(
                        check: .ruleOneActive,
                        message:
                            "two different \(probe.noun) were treated as one: \(sent) got \(status) while \(probe.earlier) was active; they differ by \(probe.difference) (\(expected))",
                        specLocation: creation.map { .rule($0.mark) } ?? location,
                        expectation: "distinct \(probe.noun) stay distinct: \(probe.difference)"
                    )
                ]
            }
            return [CheckFailure(check: .status, message: expected, specLocation: location, expectation: expected, causedBySentValue: true)]
        }
        guard key == nil, !listedByOverride else { return [] }
        switch expectation {
        case .successOrAbsent where [404, 410].contains(status):
            // A made-up id that names nothing: the answer a server owes, documented or not.
            return []
        case .status, .conflict, .anyAnswer, .refusedMethod, .answerToFaultyRequest:
            // An expected status the document does not list (405 for an undeclared method), or
            // any answer where the operation documents none, is fine.
            return []
        case .clientError where !Self.documentsRefusals(responses),
            .eitherOutcome where (400..<500).contains(status) && !Self.documentsRefusals(responses),
            .distinctName where (400..<500).contains(status) && !Self.documentsRefusals(responses):
            // The operation documents no answer for a refused request (only 401, say): any 4xx
            // is the reasonable refusal, and flagging it would cry wolf.
            return []
        default:
            let listed = responses.byStatus.keys.joined(separator: ", ")
            return [
                CheckFailure(
                    check: .status, message: "\(status) is not documented for \(operation.id) (documented: \(listed))",
                    specLocation: SpecLocation(operation.operation.location), expectation: "\(status) documented")
            ]
        }
    }

    /// RFC 9110 section 15.5.6: a 405 carries `Allow` with the methods the resource supports,
    /// which are at least the ones the document declares on the path, and not the one refused.
    private func judgeAllow(_ response: Exchange.Response, operation: OperationEntry, method: String) -> [CheckFailure] {
        let declared = (document.paths[operation.path]?.operations.keys.map { $0.uppercased() } ?? []).sorted()
        let location = document.paths[operation.path].map { SpecLocation($0.location) }
        guard let allow = response.header("Allow") else {
            return [
                CheckFailure(
                    check: .allowHeader,
                    message: "a 405 must say what is allowed: expected Allow: \(declared.joined(separator: ", ")), found no Allow header",
                    specLocation: location, expectation: "Allow present")
            ]
        }
        let listed = Set(allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        let missing = declared.filter { !listed.contains($0) }
        var failures: [CheckFailure] = []
        if !missing.isEmpty {
            failures.append(
                CheckFailure(
                    check: .allowHeader,
                    message:
                        "expected Allow to list the declared \(declared.joined(separator: ", ")), found Allow: \(allow) (missing \(missing.joined(separator: ", ")))",
                    specLocation: location, expectation: "Allow lists declared methods"))
        }
        if listed.contains(method.uppercased()) {
            failures.append(
                CheckFailure(
                    check: .allowHeader, message: "\(method.uppercased()) was refused with 405 but Allow lists it: \(allow)",
                    specLocation: location, expectation: "Allow omits the refused method"))
        }
        return failures
    }

    private func judgeBody(_ response: Exchange.Response, documented: Response, key: String, operation: OperationEntry) -> [CheckFailure] {
        guard !documented.content.isEmpty else { return [] }
        let documentedTypes = documented.content.keys.map { $0.lowercased() }
        let contentType = response.header("Content-Type")
        let essence = contentType.map { Self.essence($0) }
        guard let essence, let mediaType = MediaTypeName.match(essence, in: documentedTypes) else {
            if response.body.isEmpty && contentType == nil { return [] }
            var message = "expected Content-Type \(documentedTypes.joined(separator: " or ")), found \(contentType ?? "none")"
            // One failure does not hide another: a body that is the documented JSON under another
            // label is still held to its schema; one that is not says its schema went unjudged.
            var schemaFailures: [CheckFailure] = []
            if let json = documentedTypes.first(where: MediaTypeName.isJSON), let validator = validator(operation, key, json, documented) {
                if let body = try? JSONParser().parse(response.body, file: "response body") {
                    schemaFailures = judgeSchema(body, validator: validator)
                } else {
                    message += "; the body does not parse as \(json) either, so its schema could not be judged"
                }
            }
            return [
                CheckFailure(
                    check: .contentType, message: message, specLocation: SpecLocation(documented.location),
                    expectation: "Content-Type \(essence ?? "none")")
            ] + schemaFailures
        }
        guard MediaTypeName.isJSON(essence), let validator = validator(operation, key, mediaType, documented) else { return [] }
        let body: JSONValue
        do {
            body = try JSONParser().parse(response.body, file: "response body")
        } catch {
            return [
                CheckFailure(
                    check: .schema, message: "the body is \(error.notJSONReason)",
                    specLocation: validator.location.specLocation, expectation: "JSON")
            ]
        }
        return judgeSchema(body, validator: validator)
    }

    /// A JSON body against its documented schema, formats by any reading; in strict mode, its
    /// undeclared members too.
    private func judgeSchema(_ body: JSONValue, validator: SchemaValidator) -> [CheckFailure] {
        var failures = validator.validate(body, direction: .response, formats: .anyReading).map { error in
            CheckFailure(
                check: .schema, message: "\(error.keyword): \(error.message)", pointer: error.instancePointer,
                specLocation: error.schema.specLocation, expectation: error.keyword)
        }
        if checks.contains(.undocumentedMember) { failures += UndocumentedMembers.find(in: body, validator: validator) }
        return failures
    }

    /// The validator of a documented response's body for a media type, compiled once.
    private func validator(_ operation: OperationEntry, _ key: String, _ mediaType: String, _ documented: Response) -> SchemaValidator? {
        let content = documented.content.first { $0.key.lowercased() == mediaType }?.value
        return validator(named: "\(operation.id) \(key) \(mediaType)", of: content?.schema)
    }

    /// The validator of `schema`, compiled the first time `name` asks for it.
    func validator(named name: String, of schema: Schema?) -> SchemaValidator? {
        compiled.withLock { state in
            if let known = state.validators[name] { return known }
            let made = schema.map(state.compiler.validator(for:))
            state.validators[name] = made
            return made
        }
    }

    /// Whether the operation documents how it refuses an invalid request: 400, 413, 415, 422,
    /// a `4XX` range or `default`.
    static func documentsRefusals(_ responses: Responses) -> Bool {
        responses.byStatus.keys.contains { ["400", "413", "415", "422", "4XX", "default"].contains($0) }
    }

    static func essence(_ contentType: String) -> String {
        MediaTypeName.essence(contentType)
    }
}

/// `--strict`: members the schema does not declare, at any depth of objects it describes.
enum UndocumentedMembers {
    static func find(in value: JSONValue, validator: SchemaValidator, at pointer: JSONPointer = .root, depth: Int = 0) -> [CheckFailure] {
        guard depth < 12 else { return [] }
        let shape = validator.shape
        switch value {
        case .object(let object) where !shape.properties.isEmpty:
            var failures: [CheckFailure] = []
            for member in object {
                let path = pointer.appending(member.key)
                if let property = shape.property(member.key) {
                    failures += find(in: member.value, validator: property, at: path, depth: depth + 1)
                } else {
                    failures.append(
                        CheckFailure(
                            check: .undocumentedMember, message: "member '\(member.key)' is not declared by the schema",
                            pointer: path, specLocation: validator.location.specLocation, expectation: "declared"))
                }
            }
            return failures
        default:
            return []
        }
    }
}
