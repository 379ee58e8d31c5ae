import Foundation

/// The HTTP Archive format 1.2 (W3C Web Performance draft, "HAR 1.2 Spec"), as far as a run
/// fills it: what browsers' developer tools, Postman, mitmproxy and Charles write and read.
/// Fields this project adds carry a leading underscore, as the format asks of custom fields.
public struct HARLog: Codable, Sendable {
    public var log: Log

    public struct Log: Codable, Sendable {
        public var version = "1.2"
        public var creator: Creator
        public var entries: [Entry]
        public var comment: String?
    }

    public struct Creator: Codable, Sendable {
        public var name: String
        public var version: String
    }

    /// One exchange.
    public struct Entry: Codable, Sendable {
        /// RFC 3339 (ISO 8601), when the request was sent.
        public var startedDateTime: String
        /// Milliseconds from sending to the last byte of the answer.
        public var time: Double
        public var request: Request
        public var response: Response
        public var cache = Cache()
        public var timings: Timings
        /// The case this exchange belongs to, and its verdict.
        public var contractTest: CaseMark?
        /// Why no answer came (browsers write `_error` too).
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case startedDateTime, time, request, response, cache, timings
            case contractTest = "_contractTest"
            case error = "_error"
        }
    }

    public struct Request: Codable, Sendable {
        public var method: String
        public var url: String
        public var httpVersion = "HTTP/1.1"
        public var cookies: [Cookie] = []
        public var headers: [NameValue]
        public var queryString: [NameValue]
        public var postData: PostData?
        /// -1: not known (the client library writes the head).
        public var headersSize = -1
        public var bodySize: Int
    }

    public struct Response: Codable, Sendable {
        /// 0 when no answer came.
        public var status: Int
        public var statusText: String
        public var httpVersion = "HTTP/1.1"
        public var cookies: [Cookie] = []
        public var headers: [NameValue]
        public var content: Content
        /// The `Location` header's value, or empty.
        public var redirectURL: String
        public var headersSize = -1
        public var bodySize: Int
    }

    public struct NameValue: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public struct Cookie: Codable, Sendable {
        public var name: String
        public var value: String
    }

    public struct PostData: Codable, Sendable {
        public var mimeType: String
        public var text: String
        /// `base64` when `text` holds bytes that are not UTF-8 (not in HAR 1.2's postData, so
        /// custom).
        public var encoding: String?

        enum CodingKeys: String, CodingKey {
            case mimeType, text
            case encoding = "_encoding"
        }
    }

    public struct Content: Codable, Sendable {
        public var size: Int
        public var mimeType: String
        public var text: String?
        /// `base64` when `text` holds bytes that are not UTF-8.
        public var encoding: String?
    }

    public struct Cache: Codable, Sendable {}

    /// Milliseconds; -1 where the phase is not known. A run knows only the whole exchange,
    /// which it counts as waiting.
    public struct Timings: Codable, Sendable {
        public var blocked = -1.0
        public var dns = -1.0
        public var connect = -1.0
        public var send = 0.0
        public var wait: Double
        public var receive = 0.0
        public var ssl = -1.0
    }

    /// The case an exchange belongs to and how the case went (custom field `_contractTest`).
    public struct CaseMark: Codable, Sendable, Equatable {
        /// The case's short id (`run --case ID`).
        public var caseId: String
        public var caseName: String
        public var operationId: String
        public var kind: String
        /// `passed`, `failed`, `error` or `skipped`.
        public var verdict: String
        /// The exchange's place among the case's exchanges, from 0.
        public var step: Int
        /// On the exchange the verdict is about: each failure in words.
        public var failures: [String]?
        /// How many times 429 or 503 made the executor send it again.
        public var retries: Int?
        /// Seconds the server's clock was known to run ahead of real time when the request was
        /// sent and when it was answered (a mock whose clock the run moved past an expiry): what
        /// `verify` needs to judge the answer's timestamps as the run did. Absent when zero.
        public var serverClockAhead: [Int64]?
    }
}

extension HARLog {
    /// The HAR as JSON, keys in a stable order.
    public var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Writes the file whole or not at all.
    public func write(to path: String) throws {
        try AtomicFile.write(data, to: path)
    }
}
