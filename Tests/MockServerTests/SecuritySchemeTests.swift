import BusinessRules
import Foundation
import HTTPTypes
import MockServer
import OpenAPIModel
import Testing

/// Every kind of security scheme, enforced by the mock as a server would.
@Suite("The mock: every security scheme")
struct SecuritySchemeTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: Schemes, version: "1"}
        paths:
          /bearer:
            get: {operationId: bearer, security: [{Bearer: []}], responses: {'200': {description: ok}, '401': {description: no}}}
          /basic:
            get: {operationId: basic, security: [{basicAuth: []}], responses: {'200': {description: ok}, '401': {description: no}}}
          /header-key:
            get: {operationId: headerKey, security: [{headerKey: []}], responses: {'200': {description: ok}}}
          /query-key:
            get: {operationId: queryKey, security: [{queryKey: []}], responses: {'200': {description: ok}}}
          /cookie-key:
            get: {operationId: cookieKey, security: [{cookieKey: []}], responses: {'200': {description: ok}}}
          /oauth:
            get: {operationId: oauth, security: [{oauth: [read]}], responses: {'200': {description: ok}}}
          /either:
            get: {operationId: either, security: [{headerKey: []}, {Bearer: []}], responses: {'200': {description: ok}}}
          /both:
            get: {operationId: both, security: [{headerKey: [], Bearer: []}], responses: {'200': {description: ok}}}
          /open:
            get: {operationId: open, security: [], responses: {'200': {description: ok}}}
        components:
          securitySchemes:
            Bearer: {type: http, scheme: Bearer}
            basicAuth: {type: http, scheme: basic}
            headerKey: {type: apiKey, in: header, name: X-Key}
            queryKey: {type: apiKey, in: query, name: key}
            cookieKey: {type: apiKey, in: cookie, name: session}
            oauth:
              type: oauth2
              flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {read: reads}}}
        """

    static let document: OpenAPIDocument = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schemes-\(UUID().uuidString).yaml").path
        try? spec.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return OpenAPILoader().load(file: path).document!
    }()

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test(
        "the token serves every scheme in its form; scheme names compare without case",
        arguments: [
            ("/bearer", ["Authorization": "bearer s3cret"], 200), ("/bearer", ["Authorization": "Bearer wrong"], 401),
            ("/bearer", [:], 401), ("/basic", ["Authorization": basic("anyone", "s3cret")], 200),
            ("/basic", ["Authorization": basic("anyone", "wrong")], 401), ("/basic", ["Authorization": "Basic not base64!"], 401),
            ("/header-key", ["X-Key": "s3cret"], 200), ("/header-key", ["X-Key": "wrong"], 401), ("/header-key", [:], 401),
            ("/query-key?key=s3cret", [:], 200), ("/query-key?key=wrong", [:], 401),
            ("/cookie-key", ["Cookie": "theme=dark; session=s3cret"], 200), ("/cookie-key", ["Cookie": "session=wrong"], 401),
            ("/oauth", ["Authorization": "Bearer s3cret"], 200), ("/oauth", ["Authorization": basic("a", "s3cret")], 401),
            ("/either", ["X-Key": "s3cret"], 200), ("/either", ["Authorization": "Bearer s3cret"], 200), ("/either", [:], 401),
            ("/both", ["X-Key": "s3cret", "Authorization": "Bearer s3cret"], 200), ("/both", ["X-Key": "s3cret"], 401),
            ("/open", [:], 200),
        ] as [(String, [String: String], Int)])
    func token(path: String, headers: [String: String], status: Int) async throws {
        try await withMock(token: "s3cret", document: Self.document, rules: .none) { client in
            let answer = try await client.send(.get, path, headers: headers)
            #expect(answer.status == status, "\(path) \(headers): \(answer.text)")
        }
    }

    @Test("a scheme's own secret (--credential) instead of the token; the 401 challenges in the scheme's words")
    func perScheme() async throws {
        try await withMock(token: "s3cret", credentials: ["headerKey": "key-1"], document: Self.document, rules: .none) { client in
            let own = try await client.send(.get, "/header-key", headers: ["X-Key": "key-1"])
            let token = try await client.send(.get, "/header-key", headers: ["X-Key": "s3cret"])
            let bearer = try await client.send(.get, "/bearer", headers: ["Authorization": "Bearer s3cret"])
            let basic = try await client.send(.get, "/basic")
            let key = try await client.send(.get, "/header-key")
            #expect(own.status == 200)
            #expect(token.status == 401)
            #expect(bearer.status == 200)
            #expect(basic.headers[.wwwAuthenticate] == #"Basic realm="contract-test mock""#)
            #expect(key.headers[.wwwAuthenticate] == #"APIKey realm="contract-test mock", name="X-Key", in="header""#)
        }
    }
}
