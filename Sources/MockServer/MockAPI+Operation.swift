import BusinessRules
import Foundation
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension MockAPI {
    /// Serves one documented operation: security, parameters, body, business rules, answer.
    func handle(
        _ request: MockRequest, with handler: OperationHandler, resource: (family: Int, role: ResourceFamilies.Role)?,
        pathValues: [String: String]
    ) async -> MockResponse {
        let policy = faults.requestPolicy
        if policy.enforcesSecurity, let problem = checkSecurity(request, handler) {
            return fail(handler, status: 401, code: "unauthorized", description: problem, members: [])
        }
        let reading = RequestInputs.Request(query: request.query, headers: request.headers, body: request.body)
        if policy.refusesInvalidInput, let problem = handler.inputs.parameterProblem(reading, pathValues: pathValues) {
            return fail(handler, status: 400, code: "validation_error", description: problem.description, members: [problem.name])
        }
        var requestBody: JSONValue?
        switch readBody(reading, handler.inputs) {
        case .success(let value):
            requestBody = value
        case .failure(let rejection):
            let rejection = faults.refusal(ofMalformed: rejection)
            if rejection.status >= 500 {
                return fail(handler, status: 500, code: "internal_error", description: "Internal Server Error", members: [])
            }
            if policy.refusesInvalidInput {
                return fail(handler, status: rejection.status, code: "validation_error", description: rejection.message, members: rejection.members)
            }
        }
        guard handler.rules == nil else { return await succeed(handler, request: requestBody ?? .null) }
        if let resource {
            return await serveResource(handler, family: resource.family, role: resource.role, request: requestBody ?? .null, pathValues: pathValues)
        }
        return await servePlainPath(handler, method: request.method.uppercased(), path: request.path, request: requestBody ?? .null)
    }

    typealias BodyRejection = RequestInputs.BodyRejection

    /// The body as the contract reads it, and as the faults misread JSON.
    private func readBody(_ request: RequestInputs.Request, _ inputs: RequestInputs) -> Result<JSONValue?, BodyRejection> {
        guard !faults.isEmpty, let body = inputs.body else { return inputs.readBody(request, maxBytes: configuration.maxBodyBytes) }
        switch inputs.decodeBody(request, maxBytes: configuration.maxBodyBytes) {
        case .success(.json(let value)):
            let shape = body.validator?.shape
            if let rejection = faults.refusal(of: value, shape: shape) { return .failure(rejection) }
            return inputs.validated(faults.reading(of: value, shape: shape)).map { $0 }
        default:
            return inputs.readBody(request, maxBytes: configuration.maxBodyBytes)
        }
    }
}
