import OpenAPIModel
import Testing

@Suite("Media type names")
struct MediaTypeNameTests {
    @Test(
        "a received type falls under the most specific documented one",
        arguments: [
            ("application/json", ["*/*", "application/*", "application/json"], "application/json"),
            ("application/json", ["*/*", "application/*"], "application/*"),
            ("Application/JSON", ["application/*"], "application/*"),
            ("text/plain", ["application/*", "*/*"], "*/*"),
            ("text/plain", ["application/*", "application/json"], nil),
            ("application/problem+json", ["application/json"], nil),
        ] as [(String, [String], String?)])
    func match(received: String, documented: [String], expected: String?) {
        #expect(MediaTypeName.match(received, in: documented) == expected)
    }

    @Test(
        "a documented range is sent as a concrete type in it",
        arguments: [
            ("*/*", "application/json"),
            ("application/*", "application/json"),
            ("text/*", "text/plain"),
            ("image/*", "image/octet-stream"),
            ("application/xml", "application/xml"),
            ("application/json; charset=utf-8", "application/json; charset=utf-8"),
        ])
    func concrete(documented: String, sent: String) {
        #expect(MediaTypeName.concrete(documented) == sent)
    }
}
