/// Where the loader gets the documents that `$ref`s name by `http(s)` URL. The model knows
/// nothing of networks: the command line hands in one that fetches and caches
/// (`RemoteReferences`), tests hand in their own, and without one such references are errors.
public protocol RemoteDocumentSource: Sendable {
    /// The document at `url` (absolute, without a fragment), or why it cannot be had.
    func document(at url: String) -> Result<RemoteDocument, RemoteDocumentError>
}

/// A document read from a URL, and how: so two runs can tell whether they read the same text.
public struct RemoteDocument: Sendable, Hashable {
    /// How the text was had.
    public enum Origin: Sendable, Hashable {
        /// Fetched now (first time, or changed since the cached copy).
        case fetched
        /// The server said the cached copy is still current (304).
        case unchanged
        /// The server could not be asked: the cached copy from `fetchedAt` is used.
        case cachedAfterFailure(reason: String, fetchedAt: String)
    }

    /// Which text was read, and how: what a report shows of a remote document.
    public struct Reading: Sendable, Hashable {
        /// SHA-256 of the text, lowercase hex.
        public var sha256: String
        /// How it was had.
        public var origin: Origin
    }

    /// The text's bytes.
    public var bytes: [UInt8]
    /// Which text it is, and how it was had.
    public var reading: Reading

    /// A document read as `origin` says.
    public init(bytes: [UInt8], sha256: String, origin: Origin) {
        self.bytes = bytes
        reading = Reading(sha256: sha256, origin: origin)
    }
}

/// Why a remote document cannot be had, in words that name its URL.
public struct RemoteDocumentError: Error, Sendable, Hashable {
    /// Why, in words that name the URL.
    public var reason: String

    /// A failure, told in words.
    public init(_ reason: String) {
        self.reason = reason
    }
}
