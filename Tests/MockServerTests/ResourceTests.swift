import BusinessRules
import Foundation
import HTTPTypes
import MockServer
import OpenAPIModel
import SchemaValidation
import TestSupport
import Testing
import YAMLSource

/// Ordinary resources, kept by the mock as a server keeps them.
@Suite("The mock: ordinary resources by path shape")
struct ResourceTests {
    static let petstore: OpenAPIDocument = OpenAPILoader().load(file: RepositoryPaths.fixtures + "/specs-corpus/petstore3.yaml").document!

    @Test("a created resource is read back, changed, and gone after its delete (404 as documented)")
    func lifecycle() async throws {
        try await withMock(token: "t", document: Self.petstore, rules: .none) { client in
            let auth = ["api_key": "t", "Authorization": "Bearer t", "Content-Type": "application/json"]
            let user =
                #"{"id": 77, "username": "ann", "firstName": "Ann", "lastName": "Lee", "email": "ann@example.com", "password": "pw", "phone": "1", "userStatus": 1}"#
            let created = try await client.send(.post, "/api/v3/user", headers: auth, body: Array(user.utf8))
            #expect(created.status == 200)
            let read = try await client.send(.get, "/api/v3/user/ann", headers: auth)
            #expect(read.status == 200)
            #expect(read.json?["firstName"] == .string("Ann"), "\(read.text)")
            let changed = #"{"id": 77, "username": "ann", "firstName": "Annie"}"#
            let updated = try await client.send(.put, "/api/v3/user/ann", headers: auth, body: Array(changed.utf8))
            #expect(updated.status == 200)
            let reread = try await client.send(.get, "/api/v3/user/ann", headers: auth)
            #expect(reread.json?["firstName"] == .string("Annie"))
            let deleted = try await client.send(.delete, "/api/v3/user/ann", headers: auth)
            #expect(deleted.status == 200)
            let gone = try await client.send(.get, "/api/v3/user/ann", headers: auth)
            #expect(gone.status == 404)
            #expect(try await client.send(.delete, "/api/v3/user/ann", headers: auth).status == 404)
            // Created again, it is back.
            #expect(try await client.send(.post, "/api/v3/user", headers: auth, body: Array(user.utf8)).status == 200)
            #expect(try await client.send(.get, "/api/v3/user/ann", headers: auth).status == 200)
        }
    }

    @Test("each create the request does not name gets an id of its own: a delete of one leaves the others")
    func freshIDs() async throws {
        let document = try #require(OpenAPILoader().load(file: RepositoryPaths.fixtures + "/swagger2/petstore.yaml").document)
        try await withMock(token: "t", document: document, rules: .none) { client in
            let auth = ["X-API-Key": "t", "Authorization": "Basic dTp0", "Content-Type": "application/json"]
            let pet = Array(#"{"name": "Rex", "kind": "dog"}"#.utf8)
            let first = try await client.send(.post, "/v2/pets", headers: auth, body: pet)
            let second = try await client.send(.post, "/v2/pets", headers: auth, body: pet)
            #expect(first.status == 201)
            #expect(second.status == 201)
            guard case .number(let one)? = first.json?["id"], case .number(let two)? = second.json?["id"] else {
                Issue.record("expected numeric ids, got \(first.text) and \(second.text)")
                return
            }
            #expect(one != two)
            #expect(try await client.send(.delete, "/v2/pets/\(one)", headers: ["Authorization": "Bearer t"]).status == 204)
            #expect(try await client.send(.get, "/v2/pets/\(one)", headers: ["X-API-Key": "t"]).status == 404)
            let other = try await client.send(.get, "/v2/pets/\(two)", headers: ["X-API-Key": "t"])
            #expect(other.status == 200)
            #expect(other.json?["name"] == .string("Rex"))
        }
    }

    @Test(
        "Twilio's /Messages/{Sid}.json below /Messages.json is a family: each create a sid of its own that its pattern accepts, read back, gone after its delete"
    )
    func suffixedItemPath() async throws {
        let twilio = try #require(OpenAPILoader().load(file: RepositoryPaths.fixtures + "/specs-corpus/twilio_api_v2010.yaml").document)
        try await withMock(token: "t", document: twilio, rules: .none) { client in
            let auth = ["Authorization": "Basic eDp0", "Content-Type": "application/x-www-form-urlencoded"]
            let messages = "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages"
            let form = Array("To=%2B15558675310&From=%2B15017122661&Body=hi".utf8)
            let first = try await client.send(.post, messages + ".json", headers: auth, body: form)
            let second = try await client.send(.post, messages + ".json", headers: auth, body: form)
            #expect(first.status == 201)
            let sids = [first, second].compactMap { $0.json?["sid"]?.stringValue }
            #expect(sids == ["SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2"], "\(first.text)")
            #expect(try await client.send(.get, messages + "/\(sids[0]).json", headers: auth).json?["sid"] == .string(sids[0]))
            #expect(try await client.send(.delete, messages + "/\(sids[0]).json", headers: auth).status == 204)
            #expect(try await client.send(.get, messages + "/\(sids[0]).json", headers: auth).status == 404)
            #expect(try await client.send(.get, messages + "/\(sids[1]).json", headers: auth).status == 200)
            // An id never created, once deleted, is not there either (schemathesis' ST301).
            let example = messages + "/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json"
            #expect(try await client.send(.delete, example, headers: auth).status == 204)
            #expect(try await client.send(.get, example, headers: auth).status == 404)
        }
    }

    @Test("a URL outside every family stays deleted: GET, PATCH and DELETE find nothing until a PUT puts it back")
    func plainPathDeleted() async throws {
        let document = try #require(
            OpenAPILoader().load(
                SourceFile(
                    path: "settings.yaml",
                    text: """
                        openapi: 3.1.0
                        info: {title: Settings, version: '1'}
                        paths:
                          /settings/{name}:
                            parameters:
                              - {name: name, in: path, required: true, schema: {type: string}}
                            get:
                              responses:
                                '200': {description: ok, content: {application/json: {schema: {type: object}, example: {value: 1}}}}
                                '404': {description: none}
                            put:
                              requestBody: {content: {application/json: {schema: {type: object}}}}
                              responses: {'200': {description: ok}}
                            patch:
                              requestBody: {content: {application/json: {schema: {type: object}}}}
                              responses: {'200': {description: ok}}
                            delete:
                              responses: {'204': {description: gone}, '404': {description: none}}
                        """)
            ).document)
        try await withMock(document: document, rules: .none) { client in
            let json = ["Content-Type": "application/json"]
            #expect(try await client.send(.get, "/settings/colour").status == 200)
            #expect(try await client.send(.delete, "/settings/colour").status == 204)
            let gone = try await client.send(.get, "/settings/colour")
            #expect(gone.status == 404)
            #expect(gone.text == "")
            #expect(try await client.send(.patch, "/settings/colour", headers: json, body: Array("{}".utf8)).status == 404)
            #expect(try await client.send(.delete, "/settings/colour").status == 404)
            #expect(try await client.send(.get, "/settings/size").status == 200)
            #expect(try await client.send(.put, "/settings/colour", headers: json, body: Array("{}".utf8)).status == 200)
            #expect(try await client.send(.get, "/settings/colour").status == 200)
        }
    }

    @Test("a path ending in a slash names the template with its last parameter empty: nothing there (404), not another path's 405")
    func emptyLastParameter() async throws {
        try await withMock(token: "t", document: Self.petstore, rules: .none) { client in
            let auth = ["api_key": "t", "Authorization": "Bearer t"]
            let deleted = try await client.send(.delete, "/api/v3/user/", headers: auth)
            #expect(deleted.status == 404)
            #expect(try await client.send(.get, "/api/v3/user/", headers: auth).status == 404)
            // Where no template ends in a parameter, the slash is forgiven.
            #expect(try await client.send(.get, "/api/v3/store/inventory/", headers: auth).status == 200)
            // A user created with an empty name is found there (a schemathesis stateful finding).
            let nameless = #"{"id": 5, "username": "", "firstName": "N"}"#
            #expect(
                try await client.send(
                    .post, "/api/v3/user", headers: auth.merging(["Content-Type": "application/json"]) { $1 },
                    body: Array(nameless.utf8)
                ).status == 200)
            let found = try await client.send(.get, "/api/v3/user/", headers: auth)
            #expect(found.status == 200)
            #expect(found.json?["firstName"] == .string("N"))
        }
    }

    @Test("204, 304 and answers to HEAD carry no content")
    func noContent() throws {
        let response = MockResponse(
            status: 204, headers: [("Content-Type", "application/json"), ("X-Bad\nName", "v"), ("X-Ok", "a\r\nb")], body: Array("null".utf8))
        let lawful = response.lawful(for: "DELETE")
        #expect(lawful.body.isEmpty)
        #expect(lawful.headers.map { "\($0.name): \($0.value)" } == ["X-Ok: ab"])
    }
}
