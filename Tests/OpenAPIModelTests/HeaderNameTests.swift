import OpenAPIModel
import Testing

@Suite("Header names")
struct HeaderNameTests {
    @Test(
        "names are equal as HTTP compares them: ASCII letters without case, nothing else folded",
        arguments: [
            ("Content-Type", "content-type", true),
            ("X-PB-TransactionId", "x-pb-transactionid", true),
            ("Authorization", "Authorization", true),
            ("X-Ä", "x-ä", false),
            ("Accept", "Accept-Language", false),
            ("X_A", "x-a", false),
        ] as [(String, String, Bool)])
    func equal(first: String, second: String, expected: Bool) {
        #expect(HeaderName.equal(first, second) == expected)
        #expect(HeaderName.equal(second, first) == expected)
    }
}
