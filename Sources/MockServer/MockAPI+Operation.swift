import BusinessRules
import Foundation
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension MockAPI {
    /// Serves one documented operation: security, parameters, body, business rules, answer.
    func handle(_ request: MockRequest, with handler: OperationHandler, resource: (family: Int, role: ResourceFamilies.Role)?,
                pathValues: [String: String]) async -> MockResponse {
        if !has(.authIgnored), let problem = checkSecurity(request, handler) {
            return fail(handler, status: 401, code: "unauthorized", description: problem, members: [])
        }
        if !has(.invalidInputAccepted), let (problem, member) = checkParameters(request, handler, pathValues: pathValues) {
            return fail(handler, status: 400, code: "validation_error", description: problem, members: [member])
        }
        var requestBody: JSONValue?
        if let body = handler.body {
            switch readBody(request, body) {
            case .success(let value):
                requestBody = value
            case .failure(let rejection):
                if rejection.status >= 500 || (rejection.malformed && has(.serverErrorOnMalformed)) {
                    return fail(handler, status: 500, code: "internal_error", description: "Internal Server Error", members: [])
                }
                if !has(.invalidInputAccepted) {
                    return fail(handler, status: rejection.status, code: "validation_error", description: rejection.message, members: rejection.members)
                }
            }
        }
        guard handler.rules == nil else { return await succeed(handler, request: requestBody ?? .null) }
        if let resource {
            return await serveResource(handler, family: resource.family, role: resource.role, request: requestBody ?? .null, pathValues: pathValues)
        }
        return await servePlainPath(handler, method: request.method.uppercased(), path: request.path, request: requestBody ?? .null)
    }

    /// The first parameter problem, with the parameter's name. Each value is read in its
    /// parameter's style (`form`, `simple`, `label`, `matrix`, `deepObject`, ...) and checked
    /// against its schema.
    private func checkParameters(_ request: MockRequest, _ handler: OperationHandler, pathValues: [String: String]) -> (String, String)? {
        let pairs = QueryString.pairs(request.query)
        for (parameter, validator) in handler.parameters {
            let style = ParameterCoding.Style(name: parameter.name, style: parameter.effectiveStyle, explode: parameter.effectiveExplode)
            let shape = validator?.shape
            let value: JSONValue?
            switch parameter.location {
            case .query: value = ParameterCoding.read(pairs: pairs, style, shape: shape)
            case .path: value = pathValues[parameter.name].map { ParameterCoding.read(text: $0, style, shape: shape) }
            case .header: value = request.header(parameter.name).map { ParameterCoding.read(text: $0, style, shape: shape) }
            case .cookie: value = Cookies.value(parameter.name, in: request.cookies).map { ParameterCoding.read(text: $0, style, shape: shape) }
            case .querystring: value = request.query.map(JSONValue.string)
            }
            guard let value else {
                if parameter.required {
                    return ("required \(parameter.location.rawValue) parameter '\(parameter.name)' is missing", parameter.name)
                }
                continue
            }
            guard let validator else { continue }
            if let error = validator.validate(value, direction: .request).first {
                return ("\(parameter.location.rawValue) parameter '\(parameter.name)': \(error.message)", parameter.name)
            }
        }
        return nil
    }

    /// Why a request body is refused.
    struct BodyRejection: Error {
        var status: Int
        var message: String
        var members: [String]
        /// The body is not JSON at all (the `server-error-on-malformed` fault answers 500).
        var malformed = false
    }

    private func readBody(_ request: MockRequest, _ body: OperationHandler.Body) -> Result<JSONValue?, BodyRejection> {
        guard let bytes = request.body else {
            return .failure(BodyRejection(status: 413, message: "the request body is larger than \(configuration.maxBodyBytes) bytes", members: []))
        }
        // Empty content that says what it is (a Content-Type) is present and read as that: an
        // empty form is the empty object, empty JSON or XML is malformed. Only empty content
        // that says nothing is an absent body.
        let declared = request.header("Content-Type").map { MediaTypeName.match(OperationHandler.essence($0), in: body.mediaTypes) != nil } ?? false
        if bytes.isEmpty, !declared {
            return body.required
                ? .failure(BodyRejection(status: 400, message: "the request body is empty: expected \(body.mediaTypes.first ?? "a body")", members: []))
                : .success(nil)
        }
        guard let contentType = request.header("Content-Type") else {
            return .failure(BodyRejection(status: 415, message: "the request has no Content-Type: expected \(body.mediaTypes.joined(separator: " or "))", members: []))
        }
        let essence = OperationHandler.essence(contentType)
        guard MediaTypeName.match(essence, in: body.mediaTypes) != nil else {
            return .failure(BodyRejection(status: 415, message: "Content-Type \(essence) is not accepted: expected \(body.mediaTypes.joined(separator: " or "))", members: []))
        }
        if XMLBody.isXML(essence) {
            guard let value = XMLBody.decode(bytes, shape: body.validator?.shape) else {
                return .failure(BodyRejection(status: 400, message: "the request body is not well-formed XML", members: [], malformed: true))
            }
            return validated(value, body)
        }
        if essence == MultipartEncoding.mediaType {
            guard let value = MultipartEncoding.decode(bytes, contentType: contentType, shape: body.validator?.shape) else {
                return .failure(BodyRejection(status: 400, message: "the request body is not multipart/form-data with the boundary its Content-Type names", members: [], malformed: true))
            }
            return validated(value, body)
        }
        if essence == FormEncoding.mediaType {
            let value = FormEncoding.decode(String(decoding: bytes, as: UTF8.self), shape: body.validator?.shape)
            return validated(value, body, form: true)
        }
        guard MediaTypeName.isJSON(essence) else { return .success(nil) }
        var value: JSONValue
        do {
            value = try JSONParser().parse(bytes, file: "request body")
        } catch {
            return .failure(BodyRejection(status: 400, message: "the request body is \(error.notJSONReason)", members: [], malformed: true))
        }
        if !configuration.faults.isEmpty {
            if let rejection = faultyReading(value, body) { return .failure(rejection) }
            value = faultyCoercion(value, body)
        }
        return validated(value, body)
    }

    /// The body if its schema accepts it, else the refusal naming the offending members.
    private func validated(_ value: JSONValue, _ body: OperationHandler.Body, form: Bool = false) -> Result<JSONValue?, BodyRejection> {
        guard let validator = body.validator else { return .success(value) }
        let errors = form ? FormEncoding.errors(value, validator) : validator.validate(value, direction: .request)
        guard !errors.isEmpty else { return .success(value) }
        let members = errors.map { $0.memberPointer.tokens.first ?? "" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let message = errors.map { "#\($0.instancePointer): \($0.message)" }.joined(separator: "; ")
        return .failure(BodyRejection(status: 400, message: message, members: members))
    }
}

/// `a=1&b=2` → values, percent-decoded (`+` as space); the first of repeated names wins.
enum QueryString {
    /// Every pair in order, decoded.
    static func pairs(_ query: String?) -> [(name: String, value: String)] {
        (query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (PercentEncoding.decodeLeniently(parts[0], plusIsSpace: true),
                    parts.count > 1 ? PercentEncoding.decodeLeniently(parts[1], plusIsSpace: true) : "")
        }
    }

    static func values(_ query: String?) -> [String: String] {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decodeLeniently(parts[0], plusIsSpace: true)
            if values[name] == nil {
                values[name] = parts.count > 1 ? PercentEncoding.decodeLeniently(parts[1], plusIsSpace: true) : ""
            }
        }
        return values
    }
}

enum Cookies {
    static func value(_ name: String, in header: String?) -> String? {
        for pair in (header ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]) }
        }
        return nil
    }
}
