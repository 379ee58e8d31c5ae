import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import NIOHTTP1
import OpenAPIModel

/// Every exchange of a run as HAR 1.2 (`run --har FILE`), passing ones too, in the run's order:
/// evidence a QA engineer can open in a browser's developer tools or hand to another tool.
/// Secrets are `[REDACTED]` as in every report (percent-encoded in URLs, so each stays a URI);
/// each entry names its case and the case's verdict in the custom field `_contractTest`.
public struct HARReport: Sendable {
    /// The run.
    public var summary: RunSummary
    /// The version `creator` names.
    public var toolVersion: String

    /// The HAR of `summary`, naming this tool's `toolVersion` as its creator.
    public init(summary: RunSummary, toolVersion: String) {
        self.summary = summary
        self.toolVersion = toolVersion
    }

    var log: HARLog {
        var entries: [HARLog.Entry] = []
        for result in summary.results {
            let verdict = HTMLReport.outcome(result)
            let blamed = result.culpritStep ?? (result.exchanges.isEmpty ? nil : result.exchanges.count - 1)
            for (step, exchange) in result.exchanges.enumerated() {
                var entry = Self.entry(exchange, startedAt: summary.startedAt)
                let failures: [String]? = step == blamed && !result.failures.isEmpty ? result.failures.map(\.description) : nil
                entry.contractTest = HARLog.CaseMark(
                    caseId: result.testCase.id, caseName: result.testCase.name, operationId: result.testCase.operationId,
                    kind: result.testCase.kind.rawValue, verdict: verdict, step: step, failures: failures,
                    retries: exchange.retries > 0 ? exchange.retries : nil,
                    serverClockAhead: exchange.timing.flatMap { $0.knownShift == 0...0 ? nil : [$0.knownShift.lowerBound, $0.knownShift.upperBound] })
                entries.append(entry)
            }
        }
        entries += summary.unjudgedExchanges.map { Self.entry($0, startedAt: summary.startedAt) }
        return HARLog(
            log: HARLog.Log(
                creator: HARLog.Creator(name: "contract-test", version: toolVersion), entries: entries,
                comment: summary.traffic.map { "traffic from \($0.files.joined(separator: ", ")) judged against \(summary.specPath)" }
                    ?? "\(summary.specPath) against \(summary.target.baseURL), seed \(summary.seed)"))
    }

    /// The HAR's bytes, as `write(to:)` writes them.
    public var data: Data { log.data }

    /// Writes the HAR to `path` atomically.
    public func write(to path: String) throws {
        try log.write(to: path)
    }

    /// One exchange as a HAR entry, without the case it belongs to.
    static func entry(_ exchange: Exchange, startedAt fallback: String) -> HARLog.Entry {
        let request = exchange.request
        let url = uriSafe(request.url)
        let requestType = request.header("Content-Type") ?? ""
        let harRequest = HARLog.Request(
            method: request.method, url: url, headers: request.headers.map { HARLog.NameValue(name: $0.name, value: $0.value) },
            queryString: queryItems(of: request.url),
            postData: request.body.map { body in
                let (text, encoding) = textOrBase64(body)
                return HARLog.PostData(mimeType: requestType, text: text, encoding: encoding)
            },
            bodySize: request.body?.count ?? 0)
        let harResponse: HARLog.Response
        if let response = exchange.response {
            let (text, encoding) = textOrBase64(response.body)
            harResponse = HARLog.Response(
                status: response.status, statusText: HTTPResponseStatus(statusCode: response.status).reasonPhrase,
                headers: response.headers.map { HARLog.NameValue(name: $0.name, value: $0.value) },
                content: HARLog.Content(
                    size: response.body.count, mimeType: response.header("Content-Type") ?? "",
                    text: response.body.isEmpty ? nil : text, encoding: encoding),
                redirectURL: response.header("Location") ?? "", bodySize: response.body.count)
        } else {
            harResponse = HARLog.Response(
                status: 0, statusText: "", headers: [], content: HARLog.Content(size: 0, mimeType: ""),
                redirectURL: "", bodySize: -1)
        }
        let milliseconds = exchange.duration * 1000
        return HARLog.Entry(
            startedDateTime: exchange.timing?.sent.rfc3339 ?? fallback, time: milliseconds, request: harRequest,
            response: harResponse, timings: HARLog.Timings(wait: milliseconds), error: exchange.transportError?.description)
    }

    /// UTF-8 text as it is; other bytes in base64.
    static func textOrBase64(_ bytes: [UInt8]) -> (String, String?) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, nil) }
        return (Data(bytes).base64EncodedString(), "base64")
    }

    /// The URL with the brackets of `[REDACTED]` (and any other brackets after the authority)
    /// percent-encoded: RFC 3986 allows them only around an IPv6 host.
    static func uriSafe(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let afterScheme = url[scheme.upperBound...]
        guard let pathStart = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return url }
        let rest = url[pathStart...].replacingOccurrences(of: "[", with: "%5B").replacingOccurrences(of: "]", with: "%5D")
        return String(url[..<pathStart]) + rest
    }

    /// The query's names and values, percent-decoded (`+` as written: HAR keeps what the URL says).
    static func queryItems(of url: String) -> [HARLog.NameValue] {
        guard let mark = url.firstIndex(of: "?") else { return [] }
        let query = url[url.index(after: mark)...].prefix { $0 != "#" }
        guard !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in String(part).removingPercentEncoding ?? String(part) }
            return HARLog.NameValue(name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
