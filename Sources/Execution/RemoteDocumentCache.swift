import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import OpenAPIModel
import Synchronization

/// The documents remote `$ref`s name, fetched over HTTP(S) and kept on disk by the SHA-256
/// of their URL with their digest, `ETag` and `Last-Modified`. A later load asks the server
/// whether its copy is still current (a 304 reads the cached text); when the server cannot be
/// asked (unreachable, timing out, 5xx) the cached copy is read and the loader warns; a
/// definite refusal (404) is an error even with a copy in hand.
///
/// The loader is synchronous, so a fetch blocks its thread until the answer: load on a thread
/// of your own when the same process also serves the documents from tasks.
public final class RemoteDocumentCache: RemoteDocumentSource {
    /// The folder the documents are kept in.
    public let directory: String
    private let client: HTTPClient
    private let timeout: TimeAmount
    private let maxBytes: Int
    /// Hosts that could not be reached, by `scheme://host:port`, with why: each is tried once
    /// per load, not once per document.
    /// Origins that could not be reached, with what to say of the documents not asked for.
    private let unreachable = Mutex<[String: String]>([:])

    /// - Parameters:
    ///   - directory: created when missing.
    ///   - client: a client the caller keeps running while documents load.
    public init(directory: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10), maxBytes: Int = 64 << 20) {
        self.directory = directory
        self.client = client
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    /// `$XDG_CACHE_HOME/contract-test/remote-refs`, else `~/.cache/contract-test/remote-refs`.
    public static var defaultDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache"
        return base + "/contract-test/remote-refs"
    }

    /// What the cache keeps beside a document's text.
    struct Entry: Codable {
        var url: String
        var sha256: String
        var etag: String?
        var lastModified: String?
        /// When it was fetched, ISO 8601.
        var fetchedAt: String
    }

    /// The document at `url`: fetched and kept (revalidated against the cached copy), or the
    /// cached copy when the server cannot be reached; a failure says why in words.
    public func document(at url: String) -> Result<RemoteDocument, RemoteDocumentError> {
        let key = Self.sha256(Array(url.utf8))
        let cached = readEntry(key, url: url)
        let origin = RemoteAddress.origin(of: url)
        if let earlier = unreachable.withLock({ $0[origin] }) {
            let reason = "'\(url)' is not fetched: \(earlier)"
            return cached.map { .success(Self.stale($0, reason: reason)) } ?? .failure(RemoteDocumentError(reason))
        }
        let response: HTTPClient.Response
        do {
            var request = try HTTPClient.Request(url: url, method: .GET)
            request.headers.add(name: "Accept", value: "application/yaml, application/json;q=0.9, */*;q=0.5")
            request.headers.add(name: "User-Agent", value: "contract-test")
            if let entry = cached?.entry {
                if let etag = entry.etag { request.headers.add(name: "If-None-Match", value: etag) }
                if let lastModified = entry.lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
            }
            let delegate = ResponseAccumulator(request: request, maxBodySize: maxBytes)
            // The loader is synchronous; the client's event loops are not this thread.
            response = try client.execute(request: request, delegate: delegate, deadline: .now() + timeout).futureResult.wait()
        } catch is ResponseAccumulator.ResponseTooBigError {
            return .failure(RemoteDocumentError("'\(url)' is larger than \(maxBytes >> 20) MiB"))
        } catch {
            let problem = TransportError(classifying: error, url: url)
            let reason = problem.description
            if problem.kind == .unreachable || problem.kind == .timeout {
                // Later documents of this origin are refused naming the one that was tried.
                unreachable.withLock { $0[origin] = "'\(url)' could not be reached earlier in this load, so \(origin) is not asked again" }
            }
            return cached.map { .success(Self.stale($0, reason: reason)) } ?? .failure(RemoteDocumentError(reason))
        }
        let status = response.status
        switch status.code {
        case 304 where cached != nil:
            let (entry, bytes) = cached!
            return .success(RemoteDocument(bytes: bytes, sha256: entry.sha256, origin: .unchanged))
        case 200:
            let bytes = response.body.map { Array($0.readableBytesView) } ?? []
            let entry = Entry(
                url: url, sha256: Self.sha256(bytes), etag: response.headers.first(name: "ETag"),
                lastModified: response.headers.first(name: "Last-Modified"),
                fetchedAt: ISO8601DateFormatter().string(from: Date()))
            writeEntry(key, entry, bytes)
            return .success(RemoteDocument(bytes: bytes, sha256: entry.sha256, origin: .fetched))
        default:
            let reason = "'\(url)' answered \(status.code) \(status.reasonPhrase): expected 200 and the document"
            if status.code >= 500, let cached { return .success(Self.stale(cached, reason: reason)) }
            return .failure(RemoteDocumentError(reason))
        }
    }

    private static func stale(_ cached: (entry: Entry, bytes: [UInt8]), reason: String) -> RemoteDocument {
        RemoteDocument(
            bytes: cached.bytes, sha256: cached.entry.sha256,
            origin: .cachedAfterFailure(reason: reason, fetchedAt: cached.entry.fetchedAt))
    }

    private func paths(_ key: String) -> (entry: String, body: String) {
        (directory + "/" + key + ".json", directory + "/" + key + ".body")
    }

    /// The cached copy of `url`, when it is whole: its text matches the digest kept with it.
    private func readEntry(_ key: String, url: String) -> (entry: Entry, bytes: [UInt8])? {
        let (entryPath, bodyPath) = paths(key)
        guard let data = FileManager.default.contents(atPath: entryPath),
            let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.url == url,
            let body = FileManager.default.contents(atPath: bodyPath)
        else { return nil }
        let bytes = Array(body)
        return Self.sha256(bytes) == entry.sha256 ? (entry, bytes) : nil
    }

    /// Writes text then entry, each through a temporary file renamed into place, so a
    /// reader never meets half a copy. A cache that cannot be written costs only the reuse.
    private func writeEntry(_ key: String, _ entry: Entry, _ bytes: [UInt8]) {
        let (entryPath, bodyPath) = paths(key)
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
            let encoded = try? JSONEncoder().encode(entry)
        else { return }
        for (path, data) in [(bodyPath, Data(bytes)), (entryPath, encoded)] {
            let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
            guard (try? data.write(to: URL(fileURLWithPath: temporary))) != nil else { return }
            guard rename(temporary, path) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                return
            }
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
