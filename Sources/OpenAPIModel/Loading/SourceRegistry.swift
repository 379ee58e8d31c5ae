import YAMLSource

/// Loads the files of one document on demand, each once, through the same libyaml path, and
/// follows `$ref`s between them.
final class SourceRegistry {
    private let parser: YAMLParser
    private(set) var map = SourceMap()
    private(set) var diagnostics: [Diagnostic] = []
    /// A problem met again on another path through the references is reported once.
    private var reported: Set<Diagnostic> = []

    init(parser: YAMLParser) {
        self.parser = parser
    }

    func report(_ diagnostic: Diagnostic) {
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Adds a file whose bytes are already in hand (the entry document).
    @discardableResult
    func add(_ source: SourceFile) -> Node? {
        let path = source.path
        if let loaded = map.files[path] { return loaded.root }
        let parsed = parser.parse(source)
        parsed.diagnostics.forEach(report)
        map.files[path] = SourceMap.File(source: source, root: parsed.root)
        return parsed.root
    }

    /// The root of the file at `path`, reading it the first time; a failure is reported once,
    /// at `mark` (where the reference to it was written).
    func root(ofFile path: String, referencedAt mark: Mark?, ref: String?) -> Node? {
        if let loaded = map.files[path] { return loaded.root }
        do {
            let bytes = try FileReader.read(path)
            return add(SourceFile(path: path, bytes: bytes))
        } catch {
            let subject = ref.map { "cannot resolve '$ref: \($0)': " } ?? ""
            report(.error("\(subject)cannot read '\(path)': \(error.reason)", at: mark))
            map.files[path] = SourceMap.File(source: SourceFile(path: path, bytes: []), root: nil)
            return nil
        }
    }

    /// Follows a `$ref` written at `mark` in `file`; reports and returns `nil` when it cannot.
    func resolve(_ ref: String, from file: String, at mark: Mark, pointer: JSONPointer) -> (Location, Node)? {
        let target: ReferenceTarget
        switch ReferenceTarget.parse(ref, from: file) {
        case .success(let parsed):
            target = parsed
        case .failure(let problem):
            let reason = switch problem {
            case .remote: "remote references are not fetched; expected a relative file path or a fragment such as '#/components/schemas/Name'"
            case .badFragment: "the fragment is neither a JSON pointer ('#/...') nor an anchor name"
            case .badPercentEscape: "it has a malformed percent-escape"
            }
            report(.error("cannot resolve '$ref: \(ref)': \(reason)", at: mark, pointer: pointer.description))
            return nil
        }
        guard let root = root(ofFile: target.file, referencedAt: mark, ref: ref) else {
            return nil
        }
        guard let (targetPointer, node) = target.locate(in: root) else {
            let place = switch target.fragment {
            case .pointer(let missing): "nothing exists at #\(missing) in '\(target.file)'"
            case .anchor(let name): "no schema declares '$anchor: \(name)' in '\(target.file)'"
            }
            report(.error("cannot resolve '$ref: \(ref)': \(place)", at: mark, pointer: pointer.description))
            return nil
        }
        return (Location(mark: node.mark, pointer: targetPointer), node)
    }
}
