import Foundation
import BusinessRules
import CaseGeneration
import Execution
import OpenAPIModel
import SchemaValidation
import YAMLSource

/// Judges one answer against the contract: the status is documented and what the case
/// expects (never a 5xx), the `Content-Type` is documented, the body validates against the
/// documented schema, documented required headers are there, the business rules hold, and in
/// strict mode no member is undocumented.
public final class AnswerJudge: Sendable {
    let document: OpenAPIDocument
    let rules: BusinessRules
    let strict: Bool
    /// Validators by operation and status key, compiled once.
    private let validators: [String: [String: [String: SchemaValidator]]]

    public init(document: OpenAPIDocument, rules: BusinessRules, strict: Bool = false) {
        self.document = document
        self.rules = rules
        self.strict = strict
        let compiler = SchemaCompiler(document: document)
        var validators: [String: [String: [String: SchemaValidator]]] = [:]
        for entry in document.operations {
            for (key, response) in entry.operation.responses.byStatus {
                for (mediaType, content) in response.content {
                    if let schema = content.schema {
                        validators[entry.id, default: [:]][key, default: [:]][mediaType.lowercased()] = compiler.validator(for: schema)
                    }
                }
            }
        }
        self.validators = validators
    }

    /// Every way the answer to `request` differs from the contract and the expectation.
    /// `statusOnly`: an answer to a method the path does not declare belongs to no operation,
    /// so only its status is judged.
    public func judge(_ exchange: Exchange, expectation: Expectation, operation: OperationEntry,
                      request: RequestSpec, checkRules: Bool, statusOnly: Bool = false) -> [CheckFailure] {
        guard let response = exchange.response else { return [] }
        var failures: [CheckFailure] = []
        let responses = operation.operation.responses
        let key = responses.documentingKey(for: response.status)
        let documented = key.flatMap { responses.byStatus[$0] }
        let location = documented?.location.description ?? operation.operation.location.description
        if response.status >= 500 {
            failures.append(CheckFailure(
                check: "status", message: "expected \(expectation), found \(response.status): a server error is never a conforming answer",
                specLocation: location))
        } else if !expectation.accepts(response.status) {
            failures.append(CheckFailure(check: "status", message: "expected \(expectation), found \(response.status)", specLocation: location))
        } else if documented == nil, case .status = expectation {
            // An expected status the document does not list (405 for an undeclared method) is fine.
        } else if documented == nil, expectation == .clientError, !Self.documentsRefusals(responses) {
            // The operation documents no answer for a refused request (only 401, say): any 4xx
            // is the reasonable refusal, and flagging it would cry wolf.
        } else if documented == nil {
            let listed = responses.byStatus.keys.joined(separator: ", ")
            failures.append(CheckFailure(
                check: "status", message: "\(response.status) is not documented for \(operation.id) (documented: \(listed))",
                specLocation: operation.operation.location.description))
        }
        guard let key, let documented, !statusOnly else { return failures }
        failures += judgeBody(response, documented: documented, key: key, operation: operation)
        for (name, header) in documented.headers where header.required && response.header(name) == nil {
            failures.append(CheckFailure(check: "header", message: "documented required header \(name) is missing",
                                         specLocation: header.location.description))
        }
        if checkRules, (200..<300).contains(response.status), let operationRules = rules.rules(for: operation.operation.operationId),
           let sent = request.json, let body = try? JSONParser().parse(response.body) {
            for violation in operationRules.check(request: sent, response: body) {
                failures.append(CheckFailure(check: "rule: \(violation.rule)", message: violation.message,
                                             pointer: violation.pointer.description, specLocation: violation.mark?.description))
            }
        }
        return failures
    }

    private func judgeBody(_ response: Exchange.Response, documented: Response, key: String, operation: OperationEntry) -> [CheckFailure] {
        guard !documented.content.isEmpty else { return [] }
        let documentedTypes = documented.content.keys.map { $0.lowercased() }
        let contentType = response.header("Content-Type")
        let essence = contentType.map { Self.essence($0) }
        guard let essence, documentedTypes.contains(essence) || documentedTypes.contains(where: { Self.matches(essence, $0) }) else {
            if response.body.isEmpty && contentType == nil { return [] }
            return [CheckFailure(
                check: "content-type",
                message: "expected Content-Type \(documentedTypes.joined(separator: " or ")), found \(contentType ?? "none")",
                specLocation: documented.location.description)]
        }
        let mediaType = documentedTypes.first { $0 == essence } ?? documentedTypes.first { Self.matches(essence, $0) } ?? essence
        guard let validator = validators[operation.id]?[key]?[mediaType], MediaTypeName.isJSON(essence) else { return [] }
        let body: JSONValue
        do {
            body = try JSONParser().parse(response.body, file: "response body")
        } catch {
            return [CheckFailure(check: "schema", message: "the body is not JSON: \(error.message) at line \(error.mark?.line ?? 1), column \(error.mark?.column ?? 1)",
                                 specLocation: validator.location.description)]
        }
        var failures = validator.validate(body, direction: .response).map { error in
            CheckFailure(check: "schema", message: "\(error.keyword): \(error.message)", pointer: error.instancePointer.description,
                         specLocation: error.schema.description)
        }
        if strict { failures += UndocumentedMembers.find(in: body, validator: validator) }
        return failures
    }

    /// Whether the operation documents how it refuses an invalid request: 400, 413, 415, 422,
    /// a `4XX` range or `default`.
    static func documentsRefusals(_ responses: Responses) -> Bool {
        responses.byStatus.keys.contains { ["400", "413", "415", "422", "4XX", "default"].contains($0) }
    }

    static func essence(_ contentType: String) -> String {
        MediaTypeName.essence(contentType)
    }

    /// `application/json` matches a documented `application/*` or `*/*`.
    static func matches(_ essence: String, _ documented: String) -> Bool {
        documented == "*/*" || (documented.hasSuffix("/*") && essence.hasPrefix(documented.dropLast()))
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
                    failures.append(CheckFailure(
                        check: "undocumented-member", message: "member '\(member.key)' is not declared by the schema",
                        pointer: path.description, specLocation: validator.location.description))
                }
            }
            return failures
        default:
            return []
        }
    }
}
