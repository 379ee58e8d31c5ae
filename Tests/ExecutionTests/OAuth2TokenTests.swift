import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import Execution

/// `--oauth2-token-url`: tokens from a token endpoint (client credentials), cached and renewed
/// once for every request in flight shortly before they expire.
@Suite("OAuth2 client credentials")
struct OAuth2TokenTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        let start = ContinuousClock.now
        let offset = Mutex(Duration.zero)
        func now() -> ContinuousClock.Instant { start + offset.withLock { $0 } }
        func advance(_ by: Duration) { offset.withLock { $0 += by } }
    }

    /// What the token endpoint was sent: each request's Authorization and form.
    final class Seen: Sendable {
        let requests = Mutex<[String]>([])
        var all: [String] { requests.withLock { $0 } }
    }

    /// A token endpoint that checks the client, counts what it issued, and answers `expiresIn`.
    static func withTokenEndpoint(
        expiresIn: Int = 300, answer: (@Sendable (Int) -> Response)? = nil,
        _ body: @escaping @Sendable (String, Seen) async throws -> Void
    ) async throws {
        let seen = Seen()
        let router = Router()
        router.post("/oauth/token") { request, context -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 1 << 16))
            let count = seen.requests.withLock {
                $0.append((request.headers[.authorization] ?? "") + " " + form)
                return $0.count
            }
            if let answer { return answer(count) }
            let body = #"{"access_token":"at-\#(count)","token_type":"bearer","expires_in":\#(expiresIn)}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)/oauth/token", seen)
        }
    }

    static let environment = ["OAUTH2_CLIENT_ID": "partner app", "OAUTH2_CLIENT_SECRET": "s3cr:t+/="]

    @Test("many requests at once share one token; once it is due, one renewal serves them all")
    func oneFetchOneRenewal() async throws {
        try await Self.withTokenEndpoint(expiresIn: 300) { url, seen in
            let clock = ManualClock()
            let credentials = OAuth2ClientCredentials(tokenURL: url)
            let source = TokenSource.oauth2(credentials, now: clock.now, environment: Self.environment)
            func burst() async throws -> Set<String?> {
                try await withThrowingTaskGroup(of: String?.self) { group in
                    for _ in 0..<30 { group.addTask { try await source.token() } }
                    return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
                }
            }
            let first = try await burst()
            #expect(first == ["at-1"])
            clock.advance(.seconds(239))
            let early = try await burst()
            #expect(early == ["at-1"], "a minute before expiry is not yet due")
            clock.advance(.seconds(1))
            let renewed = try await burst()
            #expect(renewed == ["at-2"])
            #expect(seen.all.count == 2 && source.loads == 2)
            // A short-lived token is renewed at half its life.
            #expect(TokenSource.renewalPoint(of: .seconds(60)) == .seconds(30))
        }
    }

    @Test("the client authenticates with HTTP Basic of its form-encoded id and secret, or in the form")
    func clientAuthentication() async throws {
        try await Self.withTokenEndpoint { url, seen in
            _ = try await OAuth2ClientCredentials(tokenURL: url, scope: "invitations:write partners").fetch(environment: Self.environment)
            _ = try await OAuth2ClientCredentials(tokenURL: url, clientAuthentication: .post).fetch(environment: Self.environment)
            let sent = seen.all
            let basic = try #require(sent.first?.split(separator: " ").dropFirst().first)
            let decoded = String(decoding: Data(base64Encoded: String(basic)) ?? Data(), as: UTF8.self)
            // An independent reading: form decoding is `+` as a space, then percent-decoding.
            let parts = decoded.split(separator: ":", maxSplits: 1).map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            #expect(parts == ["partner app", "s3cr:t+/="])
            #expect(sent.first?.hasSuffix(" grant_type=client_credentials&scope=invitations%3Awrite+partners") == true, "\(sent)")
            #expect(sent.last == " grant_type=client_credentials&client_id=partner+app&client_secret=s3cr%3At%2B%2F%3D")
        }
    }

    @Test(
        "a token endpoint that refuses or answers nonsense is told in words",
        arguments: [
            (
                400, #"{"error":"invalid_client","error_description":"unknown client"}"#,
                "refused the client credentials (400 invalid_client: unknown client)"
            ),
            (503, "busy", "refused the client credentials (503)"),
            (200, "<html/>", "answered 200 without a JSON object: expected access_token, token_type and expires_in"),
            (200, #"{"token_type":"Bearer"}"#, "answered without an access_token"),
            (200, #"{"access_token":"x","token_type":"mac"}"#, "issued a 'mac' token: expected a Bearer token"),
        ])
    func refusals(status: Int, body: String, words: String) async throws {
        try await Self.withTokenEndpoint(answer: { _ in
            Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }) { url, _ in
            await #expect(throws: TokenSource.Failure(description: "the OAuth2 token endpoint \(url) \(words)")) {
                try await OAuth2ClientCredentials(tokenURL: url).fetch(environment: Self.environment)
            }
        }
    }

    @Test("missing client variables are named")
    func missingVariables() async {
        await #expect(throws: TokenSource.Failure(description: "no OAuth2 client secret: $MY_SECRET is not set")) {
            try await OAuth2ClientCredentials(tokenURL: "http://127.0.0.1:9/token", clientSecretVariable: "MY_SECRET")
                .fetch(environment: ["OAUTH2_CLIENT_ID": "id"])
        }
    }

    @Test("a renewal that fails is the run's failure, kept for the run to report")
    func failedRenewal() async throws {
        try await Self.withTokenEndpoint(answer: { count in
            count == 1
                ? Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"access_token":"at-1","token_type":"Bearer","expires_in":10}"#)))
                : Response(
                    status: .unauthorized, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":"invalid_client"}"#)))
        }) { url, _ in
            let clock = ManualClock()
            let source = TokenSource.oauth2(OAuth2ClientCredentials(tokenURL: url), now: clock.now, environment: Self.environment)
            let token = try await source.token()
            #expect(token == "at-1")
            #expect(source.failure == nil)
            clock.advance(.seconds(6))
            let expected = TokenSource.Failure(description: "the OAuth2 token endpoint \(url) refused the client credentials (401 invalid_client)")
            await #expect(throws: expected) { try await source.token() }
            #expect(source.failure == expected)
        }
    }
}
