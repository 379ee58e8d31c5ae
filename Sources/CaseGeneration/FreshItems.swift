import OpenAPIModel
import SchemaValidation

extension OperationContext {
    /// A PUT makes or replaces the resource its URL names, so each of its cases names one of
    /// its own (`ct-<tag>-<n>` as the last path parameter, where that parameter's schema takes
    /// it): cases sent at once do not race over one resource (a server may answer such a race
    /// 409), a case does not meet what another left there, and none overwrites a resource the
    /// document's examples name. Cases that vary the path itself keep theirs.
    func withFreshItems(_ cases: [TestCase], _ generator: inout CaseGenerator) -> [TestCase] {
        guard entry.method == "PUT" else { return cases }
        let segments = PathTemplate(entry.path).segments
        guard let last = segments.last(where: { !$0.isEmpty }), last.count == 1, case .parameter(let name) = last[0],
            let (_, validator, _) = requiredParameters.first(where: { $0.parameter.location == .path && $0.parameter.name == name })
        else { return cases }
        // The filled path's last segment with text is the parameter's value.
        let trailing = path.hasSuffix("/") && path.count > 1
        let body = trailing ? path.dropLast() : path[...]
        guard let cut = body.lastIndex(of: "/") else { return cases }
        return cases.map { testCase in
            var fresh = testCase
            fresh.steps = testCase.steps.map { step in
                guard case .request(var request, let expect, let checkRules) = step, request.path == path else { return step }
                let token = generator.addresses.freshToken()
                guard validator.map({ $0.isValid(.string(token), direction: .request) }) ?? true else { return step }
                request.path = String(body[...cut]) + token + (trailing ? "/" : "")
                return .request(request, expect: expect, checkRules: checkRules)
            }
            return fresh
        }
    }
}
