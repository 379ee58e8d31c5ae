import ArgumentParser
import Execution
import OpenAPIModel

/// How documents named by `http(s)` `$ref`s are had: fetched and cached by default, or not
/// at all. Every command that loads a document takes these.
struct RemoteReferenceOptions: ParsableArguments {
    @Flag(name: .customLong("no-remote-refs"), help: "Do not fetch $refs to http(s) URLs: each is an error, which skips the operations that need it.")
    var noRemoteRefs = false

    @Option(help: "Where fetched documents are cached (default: $XDG_CACHE_HOME/contract-test/remote-refs).")
    var refCache: String?

    /// A loader that follows remote references as asked.
    var loader: OpenAPILoader {
        var loader = OpenAPILoader()
        if !noRemoteRefs {
            loader.remoteDocuments = RemoteDocumentCache(directory: refCache ?? RemoteDocumentCache.defaultDirectory)
        }
        return loader
    }
}
