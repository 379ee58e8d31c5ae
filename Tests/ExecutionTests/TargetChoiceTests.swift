import Execution
import OpenAPIModel
import Testing
import YAMLSource

/// Which server a run talks to, and whether it uses live data: `Target`'s policy.
@Suite("Targets chosen from a document")
struct TargetChoiceTests {
    static let document: OpenAPIDocument = OpenAPILoader().load(SourceFile(path: "api.yaml", text: """
        openapi: 3.1.0
        info: {title: T, version: "1"}
        servers:
          - {url: "https://api-sandbox.example.com/base", description: Sandbox Server}
          - {url: "https://api.example.com/base", description: Production Server (uses live data)}
        paths: {}
        """)).document!

    @Test("a base URL that is a live server is production, whatever its case or trailing slash", arguments: [
        ("https://api.example.com/base", "production", true),
        ("HTTPS://API.example.com/base/", "production", true),
        ("https://api.example.com/other", "custom", false),
        ("http://127.0.0.1:8080/base", "custom", false),
    ])
    func baseURL(url: String, name: String, live: Bool) throws {
        let target = try Target.at(url, document: Self.document)
        #expect(target.name == name)
        #expect(target.usesLiveData == live)
    }

    @Test("the sandbox is the server whose description says so")
    func sandbox() throws {
        let target = try Target.sandbox(of: Self.document)
        #expect(target.baseURL == "https://api-sandbox.example.com/base")
        #expect(target.name == "sandbox")
        #expect(!target.usesLiveData)
    }

    @Test("what cannot be a target is a typed error")
    func errors() {
        #expect(throws: Target.ChoiceError.notHTTP("ftp://example.com")) { try Target.at("ftp://example.com", document: Self.document) }
        let bare = OpenAPILoader().load(SourceFile(path: "bare.yaml", text: "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n")).document!
        #expect(throws: Target.ChoiceError.noSandbox) { try Target.sandbox(of: bare) }
    }
}
