import Foundation
import Testing

@testable import OpenAPIModel

/// References inside a remote document resolve against its address as RFC 3986 says.
@Suite("Remote addresses")
struct RemoteAddressTests {
    static let base = "http://a/b/c/d;p?q"

    /// RFC 3986, section 5.4.1, the normal examples that name a path (fragments travel apart).
    static let normal: [(String, String)] = [
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
        ("//g", "http://g"), ("g?y", "http://a/b/c/g?y"), (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"),
        ("g;x?y", "http://a/b/c/g;x?y"), ("", "http://a/b/c/d;p"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"),
        ("..", "http://a/b/"), ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"),
        ("../../", "http://a/"), ("../../g", "http://a/g"), ("../../../g", "http://a/g"), ("https://x/y.yaml", "https://x/y.yaml"),
    ]

    @Test("RFC 3986's examples, as the RFC and Foundation's URL resolve them", arguments: normal)
    func resolves(relative: String, expected: String) throws {
        #expect(RemoteAddress.resolve(relative, against: Self.base) == expected)
        // Foundation keeps the base's query for an empty reference, as RFC 3986 does; the loader
        // drops it (a `$ref` to "" names this document, found by its own key).
        guard !relative.isEmpty else { return }
        let independent = try #require(URL(string: relative, relativeTo: URL(string: Self.base))?.absoluteString)
        #expect(independent == expected)
    }

    @Test("only http and https are remote")
    func remote() {
        #expect(RemoteAddress.isRemote("HTTPS://example.com/a.yaml"))
        #expect(RemoteAddress.isRemote("http://example.com"))
        #expect(!RemoteAddress.isRemote("urn:example:a"))
        #expect(!RemoteAddress.isRemote("./http://a"))
    }
}
