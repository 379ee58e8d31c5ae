import BusinessRules
import OpenAPIModel

/// One request as sent and the answer (or the transport problem) that came back: a value the
/// checks judge and the reports print.
public struct Exchange: Sendable {
    /// The request as sent, every secret shown as `[REDACTED]` (`Authorization: Bearer
    /// [REDACTED]`, `?api_key=[REDACTED]`): the secrets themselves never leave the executor.
    public struct Request: Sendable {
        /// `POST`, as sent.
        public var method: String
        /// The full URL, with its query.
        public var url: String
        /// The header fields in the order sent.
        public var headers: [(name: String, value: String)]
        /// The body's bytes; `nil`: none.
        public var body: [UInt8]?
        /// Where the shown request has `[REDACTED]` for a secret.
        public var secrets: [RedactedSecret]

        /// A request as shown, its secrets already redacted.
        public init(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]?, secrets: [RedactedSecret] = []) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.secrets = secrets
        }

        /// The first value of a header, its name compared without case.
        public func header(_ name: String) -> String? {
            HeaderName.value(of: name, in: headers)
        }
    }

    /// The answer as it came, its body decompressed when it was sent compressed.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// The header fields in the order received.
        public var headers: [(name: String, value: String)]
        /// The body's bytes.
        public var body: [UInt8]

        /// An answer as received.
        public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// The first value of a header, its name compared without case.
        public func header(_ name: String) -> String? {
            HeaderName.value(of: name, in: headers)
        }
    }

    /// What stands for a secret wherever a request is shown.
    public static let redaction = "[REDACTED]"

    /// The request, as shown.
    public var request: Request
    /// `nil` when the request failed in transport.
    public var response: Response?
    /// Why no answer came, when none did.
    public var transportError: TransportError?
    /// Seconds from sending to the last byte of the answer (retries included).
    public var duration: Double
    /// How many times 429/503 made it retry.
    public var retries: Int
    /// Seconds from sending the request that was answered to the last byte of its answer:
    /// how fast the server answered, without retries or waits (`nil` when unknown, as in
    /// recorded traffic without timings).
    public var answerTime: Double?
    /// When it was sent and answered by this machine's clock, and what the answer said of the
    /// server's: what a `now` rule is compared with.
    public var timing: AnswerTiming?

    /// An exchange as the executor (or a recording) made it.
    public init(
        request: Request, response: Response?, transportError: TransportError?, duration: Double, retries: Int,
        timing: AnswerTiming? = nil
    ) {
        self.request = request
        self.response = response
        self.transportError = transportError
        self.duration = duration
        self.retries = retries
        self.timing = timing
    }
}

/// A request that got no HTTP answer: the target is unreachable, the TLS handshake failed, or
/// it took too long.
public struct TransportError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// What went wrong, as reports group it.
    public enum Kind: String, Sendable, Codable {
        /// No connection: refused, no route, a name that does not resolve.
        case unreachable
        /// The TLS handshake failed (an untrusted or wrong certificate).
        case tls
        /// No answer in time.
        case timeout
        /// Anything else.
        case other
        /// The request was not sent: its secret could not be had (a token endpoint refused).
        case credentials
        /// The server closed the connection without answering, on a connection of the
        /// request's own too: it dropped the request (its process crashed, say). The server's
        /// failure, judged as one.
        case dropped
    }

    /// What went wrong.
    public var kind: Kind
    /// In words, with what to do about it where that is clear.
    public var description: String

    /// A problem of `kind`, told in words.
    public init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }
}
