import YAMLSource

/// Every schema resource the compiler can reach, by absolute URI: documents, resources that
/// `$id` declares inside them, `$anchor`s and `$dynamicAnchor`s; other documents are fetched on
/// demand through a loader (files, bundled meta-schemas, a test suite's remotes).
final class SchemaRegistry {
    /// A node with what a reference to it needs: its file position and its base URI.
    struct Entry {
        var node: Node
        /// The file (or URI) it was read from, and its pointer there.
        var file: String
        var pointer: JSONPointer
        /// The base URI that references inside it resolve against.
        var base: URIReference
        var dialect: ValidationDialect
        /// Cleared when the resource's meta-schema leaves out the validation vocabulary.
        var validationVocabulary = true
        /// Set when the resource's meta-schema asks for the format-assertion vocabulary.
        var formatAssertion = false
    }

    /// Fetches a document by its absolute URI (without fragment): its root node and the name
    /// to cite it by.
    typealias Loader = (String) -> (node: Node, file: String)?

    /// Read through `lookupDocument(_:)`, which indexes deferred schemas before it answers no.
    private var resources: [String: Entry] = [:]
    /// Read through `anchor(_:)` and `dynamicAnchorNames(of:)`, which index deferred schemas first.
    private var anchors: [String: Entry] = [:]
    private var dynamicAnchorNames: [String: Set<String>] = [:]
    private var indexed: Set<NodeID> = []
    /// Schemas registered to be indexed when first needed: walking every component schema of
    /// a large document up front costs more than most validations save by it.
    private var deferred: [Entry] = []
    /// Members of large mappings by key (a document's `components/schemas`, say), built the
    /// first time a reference passes through: each reference then costs a look-up, not a scan.
    private var members: [NodeID: [String: Node]] = [:]
    private let loader: Loader
    let defaultDialect: ValidationDialect

    init(defaultDialect: ValidationDialect, loader: @escaping Loader) {
        self.defaultDialect = defaultDialect
        self.loader = loader
    }

    /// Registers a document (or any node that is a schema resource root) under `uri`.
    @discardableResult
    func addDocument(_ node: Node, uri: URIReference, file: String, pointer: JSONPointer = .root, isSchema: Bool = true) -> Entry {
        let dialect = dialect(of: node, inheriting: defaultDialect)
        var entry = Entry(node: node, file: file, pointer: pointer, base: uri.withoutFragment, dialect: dialect)
        entry.validationVocabulary = validationVocabulary(of: node)
        entry.formatAssertion = formatAssertion(of: node)
        if resources[entry.base.description] == nil { resources[entry.base.description] = entry }
        if isSchema { index(entry) }
        return entry
    }

    /// The dialect a schema's `$schema` declares, else the inherited one.
    func dialect(of node: Node, inheriting inherited: ValidationDialect) -> ValidationDialect {
        guard let declared = node["$schema"]?.string else { return inherited }
        if let known = ValidationDialect(schemaURI: declared) { return known }
        // A custom meta-schema: follow its own `$schema` to a known one.
        if let meta = lookupDocument(URIReference(declared).withoutFragment), meta.node.id != node.id {
            return meta.dialect
        }
        return inherited
    }

    /// The vocabularies a custom meta-schema (named by the node's `$schema`) declares.
    private func vocabularies(of node: Node) -> EntryList? {
        guard let declared = node["$schema"]?.string, ValidationDialect(schemaURI: declared) == nil,
            let meta = lookupDocument(URIReference(declared).withoutFragment)
        else { return nil }
        return meta.node["$vocabulary"]?.mapping
    }

    /// Whether a resource keeps the validation vocabulary.
    func validationVocabulary(of node: Node) -> Bool {
        vocabularies(of: node)?.contains { $0.key.hasText("https://json-schema.org/draft/2020-12/vocab/validation") } ?? true
    }

    /// Whether a resource asks for formats to be asserted.
    func formatAssertion(of node: Node) -> Bool {
        vocabularies(of: node)?.contains { $0.key.hasText("https://json-schema.org/draft/2020-12/vocab/format-assertion") } ?? false
    }

    /// Registers a schema to be indexed before anything that the index could answer is
    /// looked up: a document (or `$id`) not yet known, an anchor, dynamic anchors.
    func deferIndex(_ entry: Entry) {
        deferred.append(entry)
    }

    /// Indexes the deferred schemas, if any.
    func indexDeferred() {
        guard !deferred.isEmpty else { return }
        let pending = deferred
        deferred = []
        for entry in pending { index(entry) }
    }

    /// The `$dynamicAnchor` names of a resource, every deferred schema indexed first.
    func dynamicAnchorNames(of uri: String) -> Set<String> {
        indexDeferred()
        return dynamicAnchorNames[uri] ?? []
    }

    /// The schema an anchor (`uri#name`) names, every deferred schema indexed first.
    func anchor(_ key: String) -> Entry? {
        indexDeferred()
        return anchors[key]
    }

    /// Walks a schema's subschemas, registering `$id` resources and anchors. Entries keep the
    /// base URI in effect *around* their node: compiling a node applies its own `$id`.
    func index(_ entry: Entry) {
        guard entry.node.isMapping, indexed.insert(entry.node.id).inserted else { return }
        let node = entry.node
        let dialect = entry.dialect
        if dialect.refOverridesSiblings, node["$ref"] != nil { return }
        var inner = entry  // the base and dialect inside this node
        if let id = node[dialect.idKeyword]?.string {
            let resolved = URIReference(id).resolved(against: entry.base)
            if dialect != .draft2020_12, let fragment = resolved.fragment, !fragment.isEmpty, !fragment.hasPrefix("/") {
                // draft-04: `"id": "#name"` is a plain-name anchor (and may name a document too).
                anchors["\(resolved.withoutFragment)#\(fragment)"] = entry
                inner.base = resolved.withoutFragment
            } else {
                inner.base = resolved.withoutFragment
                inner.dialect = self.dialect(of: node, inheriting: dialect)
            }
            if inner.base != entry.base {
                inner.validationVocabulary = validationVocabulary(of: node)
                inner.formatAssertion = formatAssertion(of: node)
                if resources[inner.base.description] == nil { resources[inner.base.description] = entry }
            }
        }
        if dialect == .draft2020_12 {
            if let anchor = node["$anchor"]?.string {
                anchors["\(inner.base)#\(anchor)"] = entry
            }
            if let anchor = node["$dynamicAnchor"]?.string {
                anchors["\(inner.base)#\(anchor)"] = entry
                dynamicAnchorNames[inner.base.description, default: []].insert(anchor)
            }
        }
        let keywords = inner.dialect.subschemaKeywords
        guard let members = node.mapping else { return }
        func child(_ value: Node, _ pointer: JSONPointer) -> Entry {
            var child = inner
            child.node = value
            child.pointer = pointer
            return child
        }
        for member in members {
            guard let key = member.key.scalar?.text else { continue }
            // Pointers are made only for the members that lead to subschemas.
            if keywords.single.contains(key), member.value.isMapping {
                index(child(member.value, entry.pointer.appending(key)))
            } else if keywords.array.contains(key), let items = member.value.sequence {
                let pointer = entry.pointer.appending(key)
                for (offset, item) in items.enumerated() where item.isMapping { index(child(item, pointer.appending(offset))) }
            } else if keywords.map.contains(key), let members = member.value.mapping {
                let pointer = entry.pointer.appending(key)
                for sub in members where sub.value.isMapping {
                    guard let name = sub.key.scalar?.text else { continue }
                    index(child(sub.value, pointer.appending(name)))
                }
            }
        }
    }

    /// The resource registered (or loadable) at an absolute URI without fragment.
    func lookupDocument(_ uri: URIReference) -> Entry? {
        let key = uri.description
        if let entry = resources[key] { return entry }
        // A resource an unindexed schema declares with `$id`?
        indexDeferred()
        if let entry = resources[key] { return entry }
        guard let (node, file) = loader(key) else { return nil }
        return addDocument(node, uri: uri, file: file)
    }

    /// Resolutions made, by reference and base: a document refers to the same component
    /// schemas many times, and each resolution decodes a pointer.
    private var resolutions: [ResolutionKey: Entry] = [:]

    private struct ResolutionKey: Hashable {
        var ref: String
        var base: URIReference
    }

    /// The node a reference names, resolved against `base`.
    func resolve(_ ref: String, against base: URIReference) -> Entry? {
        let key = ResolutionKey(ref: ref, base: base)
        if let known = resolutions[key] { return known }
        // Misses are not kept: a later document or index may still supply the target.
        let found = resolveAnew(ref, against: base)
        if let found { resolutions[key] = found }
        return found
    }

    private func resolveAnew(_ ref: String, against base: URIReference) -> Entry? {
        let target = URIReference(ref).resolved(against: base)
        let fragment = target.fragment ?? ""
        guard let document = lookupDocument(target.withoutFragment) else { return nil }
        if fragment.isEmpty { return document }
        if fragment.hasPrefix("/") {
            guard let pointer = JSONPointer(fragment: fragment) else { return nil }
            return descend(document, pointer)
        }
        guard let name = PercentEncoding.decode(fragment) else { return nil }
        return anchor("\(target.withoutFragment)#\(name)")
    }

    /// The member `key` of a mapping, through an index when the mapping is large.
    func member(_ node: Node, _ key: String) -> Node? {
        guard let entries = node.mapping, entries.count > 16 else { return node[key] }
        if let known = members[node.id] { return known[key] }
        var index: [String: Node] = [:]
        index.reserveCapacity(entries.count)
        for entry in entries {
            guard let text = entry.key.scalar?.text, index[text] == nil else { continue }
            index[text] = entry.value
        }
        members[node.id] = index
        return index[key]
    }

    /// Follows a pointer from a resource's root, picking up the `$id`s of the nodes passed.
    private func descend(_ entry: Entry, _ pointer: JSONPointer) -> Entry? {
        var current = entry
        for token in pointer.tokens {
            let next = current.node.isMapping ? member(current.node, token) : current.node.descendant(at: JSONPointer(tokens: [token]))
            guard let next else { return nil }
            if let id = member(current.node, current.dialect.idKeyword)?.string, !(current.dialect != .draft2020_12 && id.hasPrefix("#")) {
                current.base = URIReference(id).resolved(against: current.base).withoutFragment
            }
            current.node = next
            current.pointer = current.pointer.appending(token)
        }
        return current
    }
}
