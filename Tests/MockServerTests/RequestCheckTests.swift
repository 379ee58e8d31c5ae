import BusinessRules
import Foundation
import HTTPTypes
import MockServer
import OpenAPIModel
import SchemaValidation
import Testing
import YAMLSource

@Suite("The mock: requests are checked against the contract")
struct RequestCheckTests {
    @Test(
        "authentication: missing, wrong scheme, empty, malformed and wrong tokens get the documented 401",
        arguments: [
            nil, "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "Bearer not-the-token",
        ] as [String?])
    func unauthorized(authorization: String?) async throws {
        try await withMock { client in
            let answer = try await client.create(#"{"partnerEmailId": "a@example.com", "expirationDays": 1}"#, authorization: authorization)
            #expect(answer.status == 401)
            #expect(answer.headers[.wwwAuthenticate] == "Bearer")
            #expect(answer.json == .object(JSONObject(["message": .string("Unauthorized")])))
        }
    }

    @Test("without --token any non-empty bearer token is accepted")
    func anyToken() async throws {
        try await withMock(token: nil) { client in
            let answer5 = try await client.create(#"{"partnerEmailId": "a@example.com", "expirationDays": 1}"#, authorization: "Bearer anything")
            #expect(answer5.status == 200)
            let answer6 = try await client.create(#"{"partnerEmailId": "b@example.com", "expirationDays": 1}"#, authorization: nil)
            #expect(answer6.status == 401)
        }
    }

    @Test(
        "invalid bodies get the documented 400, naming the offending members",
        arguments: [
            (#"{"partnerEmailId": "no-at-sign", "expirationDays": 10}"#, ["partnerEmailId"]),
            (#"{"expirationDays": 10}"#, ["partnerEmailId"]),
            (#"{"partnerEmailId": "a@example.com", "expirationDays": "10"}"#, ["expirationDays"]),
            (#"{"partnerEmailId": "a@example.com", "expirationDays": 0}"#, ["expirationDays"]),
            (#"{"partnerEmailId": "a@example.com", "expirationDays": 366}"#, ["expirationDays"]),
            (#"{"partnerEmailId": null, "expirationDays": 1.5}"#, ["partnerEmailId", "expirationDays"]),
            (#"[1, 2]"#, []),
        ])
    func invalidBodies(body: String, members: [String]) async throws {
        try await withMock { client in
            let answer = try await client.create(body)
            #expect(answer.status == 400)
            let json = try #require(answer.json)
            #expect(ContractSchemas.errorResponse.validate(json, direction: .response) == [])
            let named = json.value(at: JSONPointer(tokens: ["errors", "0", "parameters"]))?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(named == members)
        }
    }

    @Test("malformed, empty, mistyped, non-UTF-8 and huge bodies get a documented 4xx, never a 5xx")
    func hostileBodies() async throws {
        try await withMock { client in
            let auth = ["Authorization": "Bearer \(token)"]
            let cases: [(headers: [String: String], body: [UInt8])] = [
                (["Content-Type": "application/json"], Array(#"{"partnerEmailId": "#.utf8)),
                (["Content-Type": "application/json"], []),
                (["Content-Type": "text/plain"], Array(#"{"partnerEmailId": "a@example.com", "expirationDays": 1}"#.utf8)),
                ([:], Array(#"{"partnerEmailId": "a@example.com", "expirationDays": 1}"#.utf8)),
                (["Content-Type": "application/json"], [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]),
                (["Content-Type": "application/json"], Array(repeating: 0x20, count: 70_000) + Array("{}".utf8)),
                (["Content-Type": "application/json"], Array(String(repeating: "[", count: 5_000).utf8)),
            ]
            for (headers, body) in cases {
                let answer = try await client.send(headers: headers.merging(auth) { $1 }, body: body)
                #expect(answer.status == 400, "\(headers) \(body.prefix(20))")
                #expect(ContractSchemas.errorResponse.isValid(try #require(answer.json), direction: .response))
            }
        }
    }

    @Test("a document without a documented 4xx answers RFC 9457 problems")
    func problemDetails() async throws {
        let document = try #require(
            OpenAPILoader().load(
                SourceFile(
                    path: "counter.yaml",
                    text: """
                        openapi: 3.1.0
                        info: {title: Counter, version: '1'}
                        paths:
                          /count:
                            get:
                              parameters:
                                - {name: limit, in: query, required: true, schema: {type: integer, maximum: 10}}
                              responses:
                                '200':
                                  description: ok
                                  content:
                                    application/json:
                                      schema: {type: object, required: [count], properties: {count: {type: integer, minimum: 0}}}
                        """)
            ).document)
        try await withMock(document: document, rules: .none) { client in
            let bad = try await client.send(.get, "/count?limit=abc")
            #expect(bad.status == 400)
            #expect(bad.contentType == "application/problem+json")
            #expect(bad.json?["detail"]?.stringValue == "query parameter 'limit': expected integer, found string (\"abc\")")
            let missing = try await client.send(.get, "/count")
            #expect(missing.json?["detail"]?.stringValue == "required query parameter 'limit' is missing")
            let ok = try await client.send(.get, "/count?limit=5")
            #expect(ok.status == 200)
            #expect(ok.json == .object(JSONObject(["count": .number(JSONNumber(0))])))
        }
    }

    @Test("a default response documents the status asked for")
    func defaultResponse() async throws {
        let petstore = try #require(OpenAPILoader().load(file: repositoryRoot + "/Tests/Fixtures/specs-corpus/petstore.yaml").document)
        try await withMock(document: petstore, rules: .none) { client in
            let list = try await client.send(.get, "/v1/pets?limit=abc")
            #expect(list.status == 400)
            #expect(list.json?["message"] != nil)
            let pet = try await client.send(.get, "/v1/pets/42")
            #expect(pet.status == 200)
            #expect(pet.json?["name"] != nil)
        }
    }
}
