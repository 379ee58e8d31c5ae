import CompressNIO
import Foundation
import NIOCore

/// Answers in the content codings a request may invite (`Accept-Encoding: gzip`): gzip and
/// deflate bodies are judged as what they decode to (RFC 9110 section 8.4). A body that does
/// not decode stays as it came, and the checks then see what it is: not JSON.
public enum ContentCoding {
    /// The body decompressed as `Content-Encoding` says (gzip, deflate); as it came when it cannot be.
    public static func decoded(_ body: [UInt8], contentEncoding: String?) -> [UInt8] {
        guard let coding = contentEncoding?.trimmingCharacters(in: .whitespaces).lowercased(), !body.isEmpty else { return body }
        let algorithm: CompressionAlgorithm
        switch coding {
        case "gzip", "x-gzip": algorithm = .gzip()
        case "deflate": algorithm = .zlib()
        default: return body
        }
        var buffer = ByteBuffer(bytes: body)
        guard let decoded = try? buffer.decompress(with: algorithm, maxSize: 32 << 20) else { return body }
        return Array(decoded.readableBytesView)
    }
}
