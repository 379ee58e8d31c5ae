import OrderedCollections
import YAMLSource

/// Loads the files of one document on demand, each once, through the same libyaml path, and
/// follows `$ref`s between them.
final class SourceRegistry {
    private let parser: YAMLParser
    private(set) var map = SourceMap()
    private(set) var diagnostics: [Diagnostic] = []
    /// A problem met again on another path through the references is reported once.
    private var reported: Set<Diagnostic> = []

    /// Where `http(s)` documents come from; `nil`: they are not fetched.
    private let remote: (any RemoteDocumentSource)?

    init(parser: YAMLParser, remote: (any RemoteDocumentSource)?) {
        self.parser = parser
        self.remote = remote
    }

    /// Errors about what is only documentation (links): `run` goes on past them.
    private(set) var documentationProblems: Set<Diagnostic> = []

    func report(_ diagnostic: Diagnostic, documentationOnly: Bool = false) {
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
        if documentationOnly { documentationProblems.insert(diagnostic) }
    }

    /// Adds a file whose bytes are already in hand (the entry document).
    @discardableResult
    func add(_ source: SourceFile) -> Node? {
        let path = source.path
        if let loaded = map.files[path] { return loaded.root }
        let parsed = parser.parse(source)
        parsed.diagnostics.forEach { report($0) }
        map.files[path] = SourceMap.File(source: source, root: parsed.root)
        return parsed.root
    }

    /// Puts `root` in place of the parsed root of the file at `path` (its converted form), so
    /// references into the file resolve in it.
    func replaceRoot(ofFile path: String, with root: Node) {
        map.files[path]?.root = root
    }

    /// The root of the file at `path`, reading it the first time; a failure is reported once,
    /// at `mark` (where the reference to it was written).
    /// `pointer`: where the reference is, so the error skips only what needs it.
    func root(ofFile path: String, referencedAt mark: Mark?, ref: String?, pointer: String? = nil) -> Node? {
        if let loaded = map.files[path] {
            if loaded.root == nil, let ref {
                report(.error("cannot resolve '$ref: \(ref)': '\(path)' could not be loaded", at: mark, pointer: pointer))
            }
            return loaded.root
        }
        if RemoteAddress.isRemote(path) { return fetch(path, referencedAt: mark, ref: ref, pointer: pointer) }
        do {
            let bytes = try FileReader.read(path)
            return add(SourceFile(path: path, bytes: bytes))
        } catch {
            let subject = ref.map { "cannot resolve '$ref: \($0)': " } ?? ""
            report(.error("\(subject)cannot read '\(path)': \(error.reason)", at: mark, pointer: pointer))
            map.files[path] = SourceMap.File(source: SourceFile(path: path, bytes: []), root: nil)
            return nil
        }
    }

    /// A remote document through `remote`, kept with its digest; a warning when it is an
    /// older cached copy; a failure is reported once, where the reference is.
    private func fetch(_ url: String, referencedAt mark: Mark?, ref: String?, pointer: String?) -> Node? {
        let result =
            remote.map { $0.document(at: url) }
            ?? .failure(RemoteDocumentError("'\(url)' is not fetched: remote references are off (--no-remote-refs)"))
        switch result {
        case .success(let document):
            if case .cachedAfterFailure(let reason, let fetchedAt) = document.reading.origin {
                let digest = "sha256 " + document.reading.sha256.prefix(12)
                report(.warning("\(reason); read the copy of it cached at \(fetchedAt) (\(digest))", at: mark, pointer: pointer))
            }
            let root = add(SourceFile(path: url, bytes: document.bytes))
            map.files[url]?.remote = document.reading
            return root
        case .failure(let error):
            let subject = ref.map { "cannot resolve '$ref: \($0)': " } ?? ""
            report(.error("\(subject)\(error.reason)", at: mark, pointer: pointer))
            map.files[url] = SourceMap.File(source: SourceFile(path: url, bytes: []), root: nil)
            return nil
        }
    }

    /// Where `$ref`s already followed led, by referring file and reference text.
    private var resolved: [ResolvedKey: (Location, Node)?] = [:]

    private struct ResolvedKey: Hashable {
        var file: String
        var ref: String
    }

    /// Follows a `$ref` written at `mark` in `file`; reports and returns `nil` when it cannot.
    /// `pointer` (where the `$ref` is) is worked out only for a report.
    func resolve(_ ref: String, from file: String, at mark: Mark, pointer: @autoclosure () -> JSONPointer) -> (Location, Node)? {
        let key = ResolvedKey(file: file, ref: ref)
        if let known = resolved[key] { return known }
        let result = resolveAnew(ref, from: file, at: mark, pointer: pointer)
        resolved[key] = .some(result)  // a failure too: reported once
        return result
    }

    private func resolveAnew(_ ref: String, from file: String, at mark: Mark, pointer: () -> JSONPointer) -> (Location, Node)? {
        let target: ReferenceTarget
        switch ReferenceTarget.parse(ref, from: file) {
        case .success(let parsed):
            target = parsed
        case .failure(let problem):
            let reason =
                switch problem {
                case .unsupportedScheme:
                    "only http(s) addresses are fetched; expected one, a relative file path or a fragment such as '#/components/schemas/Name'"
                case .badFragment: "the fragment is neither a JSON pointer ('#/...') nor an anchor name"
                case .badPercentEscape: "it has a malformed percent-escape"
                }
            report(.error("cannot resolve '$ref: \(ref)': \(reason)", at: mark, pointer: pointer().description))
            return nil
        }
        guard let root = root(ofFile: target.file, referencedAt: mark, ref: ref, pointer: pointer().description) else {
            return nil
        }
        guard let (targetPointer, node) = target.locate(in: root, descend: descend) else {
            let place =
                switch target.fragment {
                case .pointer(let missing): "nothing exists at #\(missing) in '\(target.file)'"
                case .anchor(let name): "no schema declares '$anchor: \(name)' in '\(target.file)'"
                }
            report(.error("cannot resolve '$ref: \(ref)': \(place)", at: mark, pointer: pointer().description))
            return nil
        }
        return (Location(mark: node.mark, pointer: targetPointer), node)
    }

    /// Keys of large mappings, indexed the first time a reference passes through them, so
    /// thousands of `#/components/schemas/...` references do not each scan the list.
    private var mappingIndexes: [NodeID: [String: Int]] = [:]

    private func descend(_ root: Node, _ pointer: JSONPointer) -> Node? {
        var node = root
        for token in pointer.tokens {
            guard let entries = node.mapping, entries.count > 32 else {
                guard let next = node.descendant(at: JSONPointer(tokens: [token])) else { return nil }
                node = next
                continue
            }
            let index =
                mappingIndexes[node.id]
                ?? {
                    var index: [String: Int] = [:]
                    for (offset, entry) in entries.enumerated() {
                        if let key = entry.key.scalar?.text, index[key] == nil { index[key] = offset }
                    }
                    mappingIndexes[node.id] = index
                    return index
                }()
            guard let offset = index[token] else { return nil }
            node = entries[offset].value
        }
        return node
    }
}
