import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import SchemaValidation
import YAMLSource

/// Recorded traffic read from a file: HAR 1.1 or 1.2 (browsers' developer tools, Postman,
/// mitmproxy, Charles, `run --har`) or this project's `run.json`. Each exchange keeps where it
/// came from (`session.har entry 3`).
public enum TrafficFile {
    /// Why a traffic file cannot be read, saying where.
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, with the file and where.
        public var description: String
    }

    /// Every exchange of the file, in its order.
    public static func read(_ path: String) throws(ReadError) -> [RecordedExchange] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReadError(description: "\(path): cannot be read: \((error as NSError).localizedDescription)")
        }
        return try parse(data, path: path)
    }

    /// Every exchange of a traffic file's bytes; `path` names it in errors and sources.
    public static func parse(_ data: Data, path: String) throws(ReadError) -> [RecordedExchange] {
        let value: JSONValue
        do {
            value = try JSONParser().parse(Array(data), file: path)
        } catch {
            throw ReadError(description: "\(error.mark.map { "\($0)" } ?? path): \(error.message): expected a HAR file or a run.json report")
        }
        guard case .object(let object) = value else {
            throw ReadError(description: "\(path): the file holds JSON \(value.typeName), not an object: expected a HAR file or a run.json report")
        }
        if object["log"] != nil { return try har(data, path: path) }
        if object["results"] != nil, object["format"] != nil { return try storedRun(data, path: path) }
        throw ReadError(description: "\(path): neither a HAR file (an object with \"log\") nor a run.json report (\"format\" and \"results\")")
    }

    // MARK: HAR

    /// What a HAR reader needs of the format; everything else may be missing.
    struct HAR: Decodable {
        struct Log: Decodable {
            var version: String?
            var entries: [Entry]
        }

        struct Entry: Decodable {
            var startedDateTime: String?
            var time: Double?
            var request: Request
            var response: Response
            var error: String?
            var contractTest: Mark?

            enum CodingKeys: String, CodingKey {
                case startedDateTime, time, request, response
                case error = "_error"
                case contractTest = "_contractTest"
            }
        }

        /// What the gate's own `--har` says of an exchange beyond HAR (`_contractTest`).
        struct Mark: Decodable {
            var serverClockAhead: [Int64]?

            /// The known shift of the server's clock, when it was moved.
            var knownShift: ClosedRange<Int64> {
                guard let shift = serverClockAhead, shift.count == 2, shift[0] <= shift[1] else { return 0...0 }
                return shift[0]...shift[1]
            }
        }

        struct NameValue: Decodable {
            var name: String
            var value: String
        }

        struct Request: Decodable {
            var method: String
            var url: String
            var headers: [NameValue]?
            var postData: PostData?
        }

        struct PostData: Decodable {
            var mimeType: String?
            var text: String?
            var params: [Param]?
            var encoding: String?

            struct Param: Decodable {
                var name: String
                var value: String?
            }

            enum CodingKeys: String, CodingKey {
                case mimeType, text, params
                case encoding = "_encoding"
            }
        }

        struct Response: Decodable {
            var status: Int
            var headers: [NameValue]?
            var content: Content?
        }

        struct Content: Decodable {
            var text: String?
            var encoding: String?
        }

        var log: Log
    }

    /// The HAR versions read: 1.2 and 1.1, which lacks nothing a check needs.
    static let harVersions = ["1.1", "1.2"]

    static func har(_ data: Data, path: String) throws(ReadError) -> [RecordedExchange] {
        let har: HAR
        do {
            har = try JSONDecoder().decode(HAR.self, from: data)
        } catch let error as DecodingError {
            throw ReadError(description: "\(path): not a HAR file this reader understands: \(error.whereAndWhat)")
        } catch {
            throw ReadError(description: "\(path): not a HAR file: \(error)")
        }
        if let version = har.log.version, !version.isEmpty, !harVersions.contains(version) {
            throw ReadError(description: "\(path): HAR version '\(version)' is not read: expected 1.2 or 1.1 (at /log/version)")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        var exchanges: [RecordedExchange] = []
        for (index, entry) in har.log.entries.enumerated() {
            let source = "\(name) entry \(index + 1)"
            let request = Exchange.Request(
                method: entry.request.method, url: entry.request.url,
                headers: (entry.request.headers ?? []).filter { !$0.name.hasPrefix(":") }.map { ($0.name, $0.value) },
                body: try body(of: entry.request.postData, at: "/log/entries/\(index)/request/postData", path: path))
            let response: Exchange.Response?
            if entry.response.status > 0 {
                let content = entry.response.content
                let bytes: [UInt8]
                if content?.encoding?.lowercased() == "base64" {
                    guard let decoded = Data(base64Encoded: content?.text ?? "") else {
                        throw ReadError(
                            description: "\(path): the response content says base64 but is not (at /log/entries/\(index)/response/content/text)")
                    }
                    bytes = Array(decoded)
                } else {
                    bytes = Array((content?.text ?? "").utf8)
                }
                response = Exchange.Response(
                    status: entry.response.status,
                    headers: (entry.response.headers ?? []).filter { !$0.name.hasPrefix(":") }.map { ($0.name, $0.value) },
                    body: bytes)
            } else {
                response = nil
            }
            let seconds = (entry.time ?? 0) / 1000
            let sent = entry.startedDateTime.flatMap(Timestamp.init(rfc3339:))
            let timing = sent.map { sent in
                AnswerTiming(
                    sent: sent, answered: sent.adding(nanoseconds: Int64(seconds * 1e9)),
                    serverDate: response?.header("Date").flatMap(Timestamp.init(httpDate:)),
                    knownShift: entry.contractTest?.knownShift ?? 0...0)
            }
            var exchange = Exchange(
                request: request, response: response,
                transportError: response == nil ? TransportError(kind: .other, description: entry.error ?? "no answer was recorded") : nil,
                duration: seconds, retries: 0, timing: timing)
            // The recorder's elapsed time: what the client waited for this answer.
            exchange.answerTime = entry.time.map { $0 / 1000 }
            exchanges.append(RecordedExchange(exchange: exchange, source: source))
        }
        return exchanges
    }

    /// A request body from `postData`: its text (base64 when it says so), else its form params.
    static func body(of postData: HAR.PostData?, at pointer: String, path: String) throws(ReadError) -> [UInt8]? {
        guard let postData else { return nil }
        if let text = postData.text {
            guard postData.encoding?.lowercased() == "base64" else { return Array(text.utf8) }
            guard let decoded = Data(base64Encoded: text) else {
                throw ReadError(description: "\(path): the request body says base64 but is not (at \(pointer)/text)")
            }
            return Array(decoded)
        }
        guard let params = postData.params else { return [] }
        return Array(params.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value ?? ""))" }.joined(separator: "&").utf8)
    }

    // MARK: run.json

    static func storedRun(_ data: Data, path: String) throws(ReadError) -> [RecordedExchange] {
        let run: StoredRun
        do {
            run = try StoredRun.decode(data)
        } catch let mismatch as StoredRun.FormatMismatch {
            throw ReadError(description: "\(path): a run.json of format \(mismatch.found), this version reads format \(StoredRun.currentFormat)")
        } catch let error as DecodingError {
            throw ReadError(description: "\(path): not a run.json report this version understands: \(error.whereAndWhat)")
        } catch {
            throw ReadError(description: "\(path): cannot be read: \(error)")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return run.results.map(\.result).enumerated().flatMap { caseIndex, result in
            result.exchanges.enumerated().map { step, exchange in
                RecordedExchange(
                    exchange: exchange, source: "\(name) case \(result.testCase.id)" + (result.exchanges.count > 1 ? " step \(step + 1)" : ""))
            }
        }
    }
}
