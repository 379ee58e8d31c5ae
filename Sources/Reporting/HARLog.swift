import Foundation

/// The HTTP Archive format 1.2 (W3C Web Performance draft, "HAR 1.2 Spec"), as far as a run
/// fills it: what browsers' developer tools, Postman, mitmproxy and Charles write and read.
/// Fields this project adds carry a leading underscore, as the format asks of custom fields.
struct HARLog: Codable, Sendable {
    var log: Log

    struct Log: Codable, Sendable {
        var version = "1.2"
        var creator: Creator
        var entries: [Entry]
        var comment: String?
    }

    struct Creator: Codable, Sendable {
        var name: String
        var version: String
    }

    /// One exchange.
    struct Entry: Codable, Sendable {
        /// RFC 3339 (ISO 8601), when the request was sent.
        var startedDateTime: String
        /// Milliseconds from sending to the last byte of the answer.
        var time: Double
        var request: Request
        var response: Response
        var cache = Cache()
        var timings: Timings
        /// The case this exchange belongs to, and its verdict.
        var contractTest: CaseMark?
        /// Why no answer came (browsers write `_error` too).
        var error: String?

        enum CodingKeys: String, CodingKey {
            case startedDateTime, time, request, response, cache, timings
            case contractTest = "_contractTest"
            case error = "_error"
        }
    }

    struct Request: Codable, Sendable {
        var method: String
        var url: String
        var httpVersion = "HTTP/1.1"
        var cookies: [Cookie] = []
        var headers: [NameValue]
        var queryString: [NameValue]
        var postData: PostData?
        /// -1: not known (the client library writes the head).
        var headersSize = -1
        var bodySize: Int
    }

    struct Response: Codable, Sendable {
        /// 0 when no answer came.
        var status: Int
        var statusText: String
        var httpVersion = "HTTP/1.1"
        var cookies: [Cookie] = []
        var headers: [NameValue]
        var content: Content
        /// The `Location` header's value, or empty.
        var redirectURL: String
        var headersSize = -1
        var bodySize: Int
    }

    struct NameValue: Codable, Sendable, Equatable {
        var name: String
        var value: String
    }

    struct Cookie: Codable, Sendable {
        var name: String
        var value: String
    }

    struct PostData: Codable, Sendable {
        var mimeType: String
        var text: String
        /// `base64` when `text` holds bytes that are not UTF-8 (not in HAR 1.2's postData, so
        /// custom).
        var encoding: String?

        enum CodingKeys: String, CodingKey {
            case mimeType, text
            case encoding = "_encoding"
        }
    }

    struct Content: Codable, Sendable {
        var size: Int
        var mimeType: String
        var text: String?
        /// `base64` when `text` holds bytes that are not UTF-8.
        var encoding: String?
    }

    struct Cache: Codable, Sendable {}

    /// Milliseconds; -1 where the phase is not known. A run knows only the whole exchange,
    /// which it counts as waiting.
    struct Timings: Codable, Sendable {
        var blocked = -1.0
        var dns = -1.0
        var connect = -1.0
        var send = 0.0
        var wait: Double
        var receive = 0.0
        var ssl = -1.0
    }

    /// The case an exchange belongs to and how the case went (custom field `_contractTest`).
    struct CaseMark: Codable, Sendable, Equatable {
        /// The case's short id (`run --case ID`).
        var caseId: String
        var caseName: String
        var operationId: String
        var kind: String
        /// `passed`, `failed`, `error` or `skipped`.
        var verdict: String
        /// The exchange's place among the case's exchanges, from 0.
        var step: Int
        /// On the exchange the verdict is about: each failure in words.
        var failures: [String]?
        /// How many times 429 or 503 made the executor send it again.
        var retries: Int?
        /// Seconds the server's clock was known to run ahead of real time when the request was
        /// sent and when it was answered (a mock whose clock the run moved past an expiry): what
        /// `verify` needs to judge the answer's timestamps as the run did. Absent when zero.
        var serverClockAhead: [Int64]?
    }
}

extension HARLog {
    /// The HAR as JSON, keys in a stable order.
    var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Writes the file whole or not at all.
    func write(to path: String) throws {
        try AtomicFile.write(data, to: path)
    }
}
