import Execution
import OpenAPIModel
import Testing
import YAMLSource

/// Which server a run talks to, and whether it uses live data: `Target`'s policy.
@Suite("Targets chosen from a document")
struct TargetChoiceTests {
    /// A document with these server lines (each written as a list item under `servers:`).
    static func load(servers: [String]) -> LoadResult {
        let text = "openapi: 3.1.0\ninfo: {title: T, version: \"1\"}\nservers:\n" + servers.map { "  - \($0)\n" }.joined() + "paths: {}\n"
        return OpenAPILoader().load(SourceFile(path: "api.yaml", text: text))
    }

    static let document: OpenAPIDocument = load(servers: [
        #"{url: "https://api-sandbox.example.com/base", description: Sandbox Server, x-live-data: false}"#,
        #"{url: "https://api.example.com/base", description: Production Server (uses live data), x-live-data: true}"#,
        #"{url: "https://staging.example.com/base", description: Staging (production-like, uses live data)}"#,
        #"{url: "http://127.0.0.1:8080/declared", x-live-data: true}"#,
    ]).document!

    @Test(
        "the policy is what the server at that URL declares, whatever its case or trailing slash, never what its description says",
        arguments: [
            ("https://api.example.com/base", "production", Target.DataPolicy.live),
            ("HTTPS://API.example.com/base/", "production", .live),
            ("https://api-sandbox.example.com/base", "custom", .test),
            ("http://127.0.0.1:8080/declared", "production", .live),
            ("https://staging.example.com/base", "custom", .undeclared),
            ("https://api.example.com/other", "custom", .undeclared),
            ("http://127.0.0.1:8080/base", "custom", .loopback),
            ("http://localhost:8080", "custom", .loopback),
            ("http://[::1]:8080", "custom", .loopback),
        ])
    func baseURL(url: String, name: String, policy: Target.DataPolicy) throws {
        let target = try Target.at(url, document: Self.document)
        #expect(target.name == name)
        #expect(target.dataPolicy == policy)
        #expect(target.usesLiveData == (policy == .live || policy == .undeclared))
    }

    @Test("the sandbox is the first server that declares test data, whatever the descriptions say")
    func sandbox() throws {
        let target = try Target.sandbox(of: Self.document)
        #expect(target.baseURL == "https://api-sandbox.example.com/base")
        #expect(target.name == "sandbox")
        #expect(target.dataPolicy == .test)
        let declaredOnly = try #require(
            Self.load(servers: [
                #"{url: "https://api.example.com", description: Sandbox Server}"#,
                #"{url: "https://test.example.com", description: Production, x-live-data: false}"#,
            ]).document)
        #expect(try Target.sandbox(of: declaredOnly).baseURL == "https://test.example.com")
        let undeclared = try #require(Self.load(servers: [#"{url: "https://api-sandbox.example.com/base", description: Sandbox Server}"#]).document)
        #expect(throws: Target.ChoiceError.noSandbox) { try Target.sandbox(of: undeclared) }
    }

    @Test("x-live-data must be a boolean, said where")
    func declarationType() {
        let result = Self.load(servers: ["url: https://api.example.com\n    x-live-data: sometimes"])
        #expect(
            result.diagnostics.map(\.description) == [
                "api.yaml:5:18: error: 'x-live-data' must be a boolean (true or false), found a string (at #/servers/0/x-live-data)"
            ])
    }

    @Test("what cannot be a target is a typed error")
    func errors() {
        #expect(throws: Target.ChoiceError.notHTTP("ftp://example.com")) { try Target.at("ftp://example.com", document: Self.document) }
        let bare = OpenAPILoader().load(SourceFile(path: "bare.yaml", text: "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n")).document!
        #expect(throws: Target.ChoiceError.noSandbox) { try Target.sandbox(of: bare) }
    }
}
