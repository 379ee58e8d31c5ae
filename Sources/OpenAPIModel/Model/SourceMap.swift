import OrderedCollections
import YAMLSource

/// Every file a document was loaded from, with its node tree: maps any JSON pointer to the
/// file:line:column it was written at, and resolves `$ref`s, so later stages can cite the
/// spec line behind each check.
///
/// Positions live in the nodes themselves, so a lookup walks the path of the pointer instead
/// of keeping a string for every node of a large document.
public struct SourceMap: Sendable {
    /// One loaded file.
    public struct File: Sendable {
        /// The file's text.
        public var source: SourceFile
        /// `nil` when the file could not be parsed.
        public var root: Node?
        /// For a document read from an `http(s)` URL: its digest and how it was had.
        public var remote: RemoteDocument.Reading?
    }

    /// Files by normalized path, the entry document first.
    public internal(set) var files: OrderedDictionary<String, File> = [:]

    /// No file yet.
    public init() {}

    /// The document's own file.
    public var mainFile: String? { files.keys.first }

    /// Every file's text, the entry document first.
    public var sources: [SourceFile] { files.values.map(\.source) }

    /// The node at `pointer` in `file`.
    public func node(at pointer: JSONPointer, in file: String) -> Node? {
        files[file]?.root?.descendant(at: pointer)
    }

    /// Where the node at `pointer` in `file` was written.
    public func mark(at pointer: JSONPointer, in file: String) -> Mark? {
        node(at: pointer, in: file)?.mark
    }

    /// The node a `$ref` written in `file` leads to, when that file is loaded.
    public func resolve(_ ref: String, from file: String) -> (location: Location, node: Node)? {
        guard case .success(let target) = ReferenceTarget.parse(ref, from: file),
            let root = files[target.file]?.root,
            let (pointer, node) = target.locate(in: root)
        else { return nil }
        return (Location(mark: node.mark, pointer: pointer), node)
    }
}

/// A parsed `$ref`: the file it points into and the fragment inside it.
struct ReferenceTarget: Hashable {
    enum Fragment: Hashable {
        case pointer(JSONPointer)
        /// A plain-name fragment, `#name`, naming a schema's `$anchor`.
        case anchor(String)
    }

    var file: String
    var fragment: Fragment

    /// Why a `$ref` cannot be followed, as a clause that completes "cannot resolve ...: ".
    enum Problem: Error {
        /// A scheme other than http(s) (`urn:`, `ftp:`).
        case unsupportedScheme
        case badFragment
        case badPercentEscape
    }

    static func parse(_ ref: String, from file: String) -> Result<ReferenceTarget, Problem> {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let location = parts[0]
        let fragmentText = parts.count > 1 ? parts[1] : ""
        let targetFile: String
        if RemoteAddress.isRemote(location) {
            targetFile = String(location)
        } else if location.contains(":") && !location.hasPrefix("/") && !location.hasPrefix(".") {
            // `urn:...`: a scheme. Windows drive letters are not a concern here.
            return .failure(.unsupportedScheme)
        } else if location.isEmpty {
            targetFile = file
        } else if RemoteAddress.isRemote(file) {
            // Relative to a remote document: relative to its address.
            targetFile = RemoteAddress.resolve(String(location), against: file)
        } else {
            guard let path = PercentEncoding.decode(location) else { return .failure(.badPercentEscape) }
            targetFile = FilePath.resolve(path, againstFileAt: file)
        }
        let fragment: Fragment
        if fragmentText.isEmpty {
            fragment = .pointer(.root)
        } else if fragmentText.hasPrefix("/") {
            guard let pointer = JSONPointer(fragment: fragmentText) else { return .failure(.badFragment) }
            fragment = .pointer(pointer)
        } else {
            guard let name = PercentEncoding.decode(fragmentText), !name.contains("/") else {
                return .failure(.badFragment)
            }
            fragment = .anchor(name)
        }
        return .success(ReferenceTarget(file: targetFile, fragment: fragment))
    }

    /// The pointer and node the fragment names in a file's tree; `descend` follows a pointer
    /// (the loader's follows large mappings through an index).
    func locate(
        in root: Node, descend: (Node, JSONPointer) -> Node? = { $0.descendant(at: $1) }
    ) -> (JSONPointer, Node)? {
        switch fragment {
        case .pointer(let pointer):
            return descend(root, pointer).map { (pointer, $0) }
        case .anchor(let name):
            return Self.findAnchor(name, in: root, at: .root)
        }
    }

    private static func findAnchor(_ name: String, in node: Node, at pointer: JSONPointer) -> (JSONPointer, Node)? {
        switch node.content {
        case .scalar:
            return nil
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                if let found = findAnchor(name, in: item, at: pointer.appending(index)) { return found }
            }
        case .mapping(let entries):
            if node["$anchor"]?.string == name || node["$dynamicAnchor"]?.string == name { return (pointer, node) }
            for entry in entries {
                guard let key = entry.key.scalar?.text else { continue }
                if let found = findAnchor(name, in: entry.value, at: pointer.appending(key)) { return found }
            }
        }
        return nil
    }
}
