import BusinessRules
import Foundation
import SchemaValidation

extension MockAPI {
    /// The control routes, which exist only on the mock: move the clock, reset, inspect.
    func control(_ request: MockRequest) async -> MockResponse {
        let route = MockControlRoute(rawValue: String(request.path.dropFirst(MockControlRoute.prefix.count)))
        guard let route, request.method.uppercased() == route.method else {
            return problem(404, "Not Found", "mock control routes: " + MockControlRoute.allCases.map(\.shown).joined(separator: ", "))
        }
        switch route {
        case .clock:
            let body = request.body.flatMap { try? JSONParser().parse($0) } ?? .object(JSONObject([]))
            // Days beyond what seconds can count are refused below like any move too far.
            let seconds =
                Self.integer(body["advanceSeconds"])
                ?? Self.integer(body["advanceDays"]).map { $0.multipliedReportingOverflow(by: 86_400).overflow ? Int64.max : $0 * 86_400 }
            guard let seconds, seconds >= 0 else {
                return problem(400, "Bad Request", "expected {\"advanceSeconds\": N} or {\"advanceDays\": N} with N >= 0")
            }
            guard clock.advance(seconds: seconds) else {
                return problem(
                    400, "Bad Request", "the clock moves at most 1000 years (\(MockClock.maxOffsetSeconds) seconds) from the real time in all")
            }
            return json(200, .object(JSONObject([.init("now", .string(clock.now().rfc3339))])))
        case .oauth2Token:
            return issueToken(request)
        case .reset:
            await resetState()
            return json(200, .object(JSONObject([.init("reset", .bool(true)), .init("now", .string(clock.now().rfc3339))])))
        case .state:
            let paging: (offset: Int, limit: Int)
            switch pageRequested(request.query) {
            case .page(let offset, let limit): paging = (offset, limit)
            case .refused(let problem): return problem
            }
            let now = clock.now()
            let page = ledger.page(offset: paging.offset, limit: paging.limit)
            let resources = page.records.map { record in
                JSONValue.object(
                    JSONObject([
                        .init("operationId", .string(record.operationId)), .init("key", .string(record.key)),
                        .init("createdAt", .string(record.createdAt.rfc3339)),
                        .init("expiresAt", record.expiresAt.map { .string($0.rfc3339) } ?? .null),
                        .init("active", .bool(record.expiresAt.map { $0 > now } ?? true)),
                        .init("body", (try? JSONParser().parse(record.body)) ?? .null),
                    ]))
            }
            let nextOffset = paging.offset + page.records.count
            return json(
                200,
                .object(
                    JSONObject([
                        .init("now", .string(now.rfc3339)),
                        .init("faults", .array(configuration.faults.map(\.rawValue).sorted().map(JSONValue.string))),
                        .init("tokensIssued", .number(JSONNumber(issuedTokens.count))),
                        .init("total", .number(JSONNumber(page.total))),
                        .init("offset", .number(JSONNumber(paging.offset))),
                        .init("limit", .number(JSONNumber(paging.limit))),
                        .init("resources", .array(resources)),
                        .init(
                            "next",
                            nextOffset < page.total ? .string("\(MockControlRoute.state.path)?offset=\(nextOffset)&limit=\(paging.limit)") : .null),
                    ])))
        }
    }

    /// The page a state request asks for: `offset` (default 0) and `limit` (default 100, at
    /// most 1000), whole numbers.
    private enum PageRequest {
        case page(offset: Int, limit: Int)
        case refused(MockResponse)
    }

    private func pageRequested(_ query: String?) -> PageRequest {
        var offset = 0
        var limit = 100
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard name == "offset" || name == "limit" else { continue }
            let text = parts.count > 1 ? String(parts[1]) : ""
            let bound = name == "limit" ? 1...1000 : 0...Int.max
            guard let value = Int(text), bound.contains(value) else {
                let expected = name == "limit" ? "a whole number from 1 to 1000" : "a whole number from 0"
                return .refused(problem(400, "Bad Request", "\(name): expected \(expected), found '\(text)'"))
            }
            if name == "offset" { offset = value } else { limit = value }
        }
        return .page(offset: offset, limit: limit)
    }

    private static func integer(_ value: JSONValue?) -> Int64? {
        if case .number(let number)? = value { return number.int }
        return nil
    }

    func json(_ status: Int, _ body: JSONValue) -> MockResponse {
        MockResponse(status: status, headers: [("Content-Type", "application/json")], body: body.jsonBytes)
    }
}
