import Logging
import MockServer
import Testing

/// The mock compresses its answers with gzip when, and only when, a request takes gzip
/// (RFC 9110 section 12.5.3: a coding listed, or `*`, with a weight above zero).
@Suite("The mock's gzip answers")
struct ResponseCodingTests {
    static let api = MockAPI(
        document: contract, rules: contractRules, configuration: MockConfiguration(port: 0, token: token), logger: Logger(label: "test"))

    @Test(
        "Accept-Encoding decides",
        arguments: [
            ("gzip", true), ("GZIP", true), ("deflate, gzip;q=0.5", true), ("*", true), ("x-gzip", true),
            ("gzip;q=0", false), ("deflate", false), ("identity", false), ("*;q=0", false), ("*, gzip;q=0", false),
        ])
    func acceptEncoding(header: String, compressed: Bool) async {
        // A new address for every header (addresses compare without case).
        let name = header.unicodeScalars.map { String($0.value) }.joined(separator: "-")
        let answer = await Self.api.respond(
            to: MockRequest(
                method: "POST", target: invitationPath,
                headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"), ("Accept-Encoding", header)],
                body: Array(#"{"partnerEmailId": "zip-\#(name)@example.com", "expirationDays": 3}"#.utf8)))
        #expect(answer.status == 200)
        #expect(answer.header("Content-Encoding") == (compressed ? "gzip" : nil))
        // gzip's magic bytes.
        #expect((answer.body.prefix(2) == [0x1F, 0x8B]) == compressed)
    }

    @Test("no Accept-Encoding, no compression; an empty answer is never compressed")
    func none() async {
        let plain = await Self.api.respond(to: MockRequest(method: "GET", target: "/developerprofile/api/v1/nowhere"))
        #expect(plain.header("Content-Encoding") == nil)
        let empty = await Self.api.respond(to: MockRequest(method: "HEAD", target: invitationPath, headers: [("Accept-Encoding", "gzip")]))
        #expect(empty.body.isEmpty)
        #expect(empty.header("Content-Encoding") == nil)
    }
}
