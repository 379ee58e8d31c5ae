import Foundation
import SchemaValidation

extension MockAPI {
    /// The control routes, which exist only on the mock: move the clock, reset, inspect.
    func control(_ request: MockRequest) async -> MockResponse {
        let route = String(request.path.dropFirst(Self.controlPrefix.count))
        switch (request.method.uppercased(), route) {
        case ("POST", "clock"):
            let body = request.body.flatMap { try? JSONParser().parse($0) } ?? .object(JSONObject([]))
            let seconds = Self.integer(body["advanceSeconds"]) ?? Self.integer(body["advanceDays"]).map { $0 * 86_400 }
            guard let seconds, seconds >= 0 else {
                return problem(400, "Bad Request", "expected {\"advanceSeconds\": N} or {\"advanceDays\": N} with N >= 0")
            }
            clock.advance(seconds: seconds)
            return json(200, .object(JSONObject([.init("now", .string(clock.now().rfc3339))])))
        case ("POST", "reset"):
            await resetState()
            return json(200, .object(JSONObject([.init("reset", .bool(true)), .init("now", .string(clock.now().rfc3339))])))
        case ("GET", "state"):
            let now = clock.now()
            let resources = ledger.snapshot().map { record in
                JSONValue.object(JSONObject([
                    .init("operationId", .string(record.operationId)), .init("key", .string(record.key)),
                    .init("createdAt", .string(record.createdAt.rfc3339)),
                    .init("expiresAt", record.expiresAt.map { .string($0.rfc3339) } ?? .null),
                    .init("active", .bool(record.expiresAt.map { $0 > now } ?? true)),
                    .init("body", record.body),
                ]))
            }
            return json(200, .object(JSONObject([
                .init("now", .string(now.rfc3339)),
                .init("faults", .array(configuration.faults.map(\.rawValue).sorted().map(JSONValue.string))),
                .init("resources", .array(resources)),
            ])))
        default:
            return problem(404, "Not Found", "mock control routes: POST \(Self.controlPrefix)clock, POST \(Self.controlPrefix)reset, GET \(Self.controlPrefix)state")
        }
    }

    private static func integer(_ value: JSONValue?) -> Int64? {
        if case .number(let number)? = value { return number.int }
        return nil
    }

    private func json(_ status: Int, _ body: JSONValue) -> MockResponse {
        MockResponse(status: status, headers: [("Content-Type", "application/json")], body: body.jsonBytes)
    }
}
