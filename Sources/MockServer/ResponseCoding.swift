import CompressNIO
import Foundation
import NIOCore

/// Answers compressed as a request invites (`Accept-Encoding: gzip`, RFC 9110 section 12.5.3),
/// as servers behind common middleware do: gzip with `Content-Encoding` and `Vary`, never for
/// an empty body, unless a fault's policy says the layer fails or leaves out the label.
enum ResponseCoding {
    /// How the compressing layer behaves.
    struct Policy: Sendable {
        /// The layer fails: every request that takes gzip is answered 500.
        var fails = false
        /// A compressed answer says so in `Content-Encoding`.
        var labelsEncoding = true
    }

    static func encoded(_ response: MockResponse, for request: MockRequest, policy: Policy) -> MockResponse {
        guard acceptsGzip(request.header("Accept-Encoding")) else { return response }
        if policy.fails {
            return MockResponse(status: 500, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("Internal Server Error".utf8))
        }
        guard !response.body.isEmpty, response.header("Content-Encoding") == nil else { return response }
        var buffer = ByteBuffer(bytes: response.body)
        guard let compressed = try? buffer.compress(with: .gzip()) else { return response }
        var encoded = response
        encoded.body = Array(compressed.readableBytesView)
        if policy.labelsEncoding { encoded.headers.append(("Content-Encoding", "gzip")) }
        encoded.headers.append(("Vary", "Accept-Encoding"))
        return encoded
    }

    /// Whether gzip is among the codings the request takes: listed (or `*`) with a weight
    /// above zero.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Double?
        var any: Double?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = parts.first else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch name {
            case "gzip", "x-gzip": gzip = weight
            case "*": any = weight
            default: break
            }
        }
        return (gzip ?? any ?? 0) > 0
    }
}
