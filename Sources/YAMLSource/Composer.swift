import CYAML

/// Builds the node tree from libyaml's events, iteratively, so depth is bounded by
/// `Limits.maxDepth` and never by the call stack.
struct Composer {
    private let source: SourceFile
    private let limits: YAMLParser.Limits
    private var diagnostics: [Diagnostic] = []
    private var stack: [Collection] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasedNodes = 0
    private var root: Node?
    private var documents = 0

    /// A node with the number of nodes in its subtree, which alias expansion adds to the budget.
    private struct Anchored {
        var node: Node
        var size: Int
    }

    /// A sequence or mapping still being read.
    private struct Collection {
        var mark: Mark
        var anchor: String?
        var isMapping: Bool
        var items: [Node] = []
        var entries: [MappingEntry] = []
        /// Keys seen so far, indexed once a mapping grows past a handful of entries.
        var keyIndex: [String: Mark]?
        var pendingKey: Node?
        /// Merge (`<<`) values, in order, with the entry position each applies at.
        var merges: [(position: Int, sources: [Node])] = []
        var size = 1
    }

    init(source: SourceFile, limits: YAMLParser.Limits) {
        self.source = source
        self.limits = limits
    }

    private func mark(_ libyamlMark: yaml_mark_t) -> Mark {
        Mark(file: source.path, line: Int(libyamlMark.line) + 1, column: Int(libyamlMark.column) + 1)
    }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedYAML {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            return ParsedYAML(root: nil, diagnostics: [.error("libyaml could not allocate a parser", at: nil)])
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), bytes.count)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                diagnostics.append(libyamlProblem(parser.pointee))
                return ParsedYAML(root: nil, diagnostics: diagnostics)
            }
            defer { yaml_event_delete(&event) }
            let keepGoing = handle(event)
            if !keepGoing {
                let failed = diagnostics.containsError && root == nil
                return ParsedYAML(root: failed ? nil : root, diagnostics: diagnostics)
            }
        }
    }

    /// Handles one event; `false` once the stream ends or a fatal problem stops reading.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            if documents == 0 {
                diagnostics.append(.error(
                    "the file is empty: expected a YAML or JSON document", at: Mark(file: source.path, line: 1, column: 1)))
            }
            return false
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(.error(
                    "a second document starts here: expected exactly one document in the file", at: start))
                root = nil
                return false
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let node = Node(.scalar(Scalar(text: text, style: style(data.style), tag: string(data.tag))), mark: start)
            return add(node, size: 1, anchor: string(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            return open(isMapping: false, at: start, anchor: string(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            return open(isMapping: true, at: start, anchor: string(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return close()
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                diagnostics.append(.error("unknown alias '*\(name)': no anchor '&\(name)' is defined before it", at: start))
                return false
            }
            aliasedNodes += anchored.size
            guard aliasedNodes <= limits.maxAliasedNodes else {
                diagnostics.append(.error(
                    "aliases expand to more than \(limits.maxAliasedNodes) nodes (here '*\(name)'): expected a document without exponential alias expansion",
                    at: start))
                return false
            }
            return add(anchored.node, size: anchored.size, anchor: nil)
        default:
            break
        }
        return true
    }

    private mutating func open(isMapping: Bool, at start: Mark, anchor: String?) -> Bool {
        guard stack.count < limits.maxDepth else {
            diagnostics.append(.error(
                "nesting is deeper than \(limits.maxDepth) levels: expected a shallower document", at: start))
            return false
        }
        stack.append(Collection(mark: start, anchor: anchor, isMapping: isMapping))
        return true
    }

    private mutating func close() -> Bool {
        let collection = stack.removeLast()
        let node: Node
        if collection.isMapping {
            node = Node(.mapping(applyingMerges(collection)), mark: collection.mark)
        } else {
            node = Node(.sequence(collection.items), mark: collection.mark)
        }
        return add(node, size: collection.size, anchor: collection.anchor)
    }

    /// Adds a finished node to the collection being read, or makes it the root.
    private mutating func add(_ node: Node, size: Int, anchor: String?) -> Bool {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size) }
        guard !stack.isEmpty else {
            root = node
            return true
        }
        stack[stack.count - 1].size += size
        if !stack[stack.count - 1].isMapping {
            stack[stack.count - 1].items.append(node)
            return true
        }
        guard let key = stack[stack.count - 1].pendingKey else {
            stack[stack.count - 1].pendingKey = node
            return true
        }
        stack[stack.count - 1].pendingKey = nil
        if let scalar = key.scalar, scalar.style == .plain, scalar.text == "<<", scalar.tag == nil {
            return addMerge(node, keyMark: key.mark)
        }
        addEntry(MappingEntry(key: key, value: node))
        return true
    }

    private mutating func addEntry(_ entry: MappingEntry) {
        let top = stack.count - 1
        if let keyText = entry.key.scalar?.text {
            if let first = firstMark(ofKey: keyText, in: stack[top]) {
                diagnostics.append(.error(
                    "duplicate key '\(keyText)' in this mapping: expected each key once (first defined at \(first.line):\(first.column))",
                    at: entry.key.mark))
                return
            }
            if stack[top].keyIndex != nil {
                stack[top].keyIndex![keyText] = entry.key.mark
            } else if stack[top].entries.count >= 16 {
                var index: [String: Mark] = [:]
                for existing in stack[top].entries {
                    if let text = existing.key.scalar?.text { index[text] = existing.key.mark }
                }
                index[keyText] = entry.key.mark
                stack[top].keyIndex = index
            }
        }
        stack[top].entries.append(entry)
    }

    private func firstMark(ofKey key: String, in collection: Collection) -> Mark? {
        if let index = collection.keyIndex { return index[key] }
        return collection.entries.first { $0.key.scalar?.text == key }?.key.mark
    }

    private mutating func addMerge(_ value: Node, keyMark: Mark) -> Bool {
        let sources: [Node]
        switch value.content {
        case .mapping: sources = [value]
        case .sequence(let items) where items.allSatisfy({ $0.mapping != nil }): sources = items
        default:
            diagnostics.append(.error(
                "the merge key '<<' needs a mapping or a sequence of mappings, found \(value.kindDescription)",
                at: value.mark))
            return false
        }
        let top = stack.count - 1
        stack[top].merges.append((stack[top].entries.count, sources))
        return true
    }

    /// Explicit keys win over merged ones, and earlier merge sources over later ones; merged
    /// entries take the place of the `<<` key.
    private func applyingMerges(_ collection: Collection) -> [MappingEntry] {
        guard !collection.merges.isEmpty else { return collection.entries }
        var taken = Set(collection.entries.compactMap { $0.key.scalar?.text })
        var result: [MappingEntry] = []
        var next = 0
        for merge in collection.merges {
            result.append(contentsOf: collection.entries[next..<merge.position])
            next = merge.position
            for source in merge.sources {
                for entry in source.mapping ?? [] {
                    guard let key = entry.key.scalar?.text else { continue }
                    if taken.insert(key).inserted { result.append(entry) }
                }
            }
        }
        result.append(contentsOf: collection.entries[next...])
        return result
    }

    private func style(_ style: yaml_scalar_style_t) -> Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's own problem text, with its context and the mark where it applies.
    private func libyamlProblem(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            let (line, column) = source.position(ofByteOffset: parser.problem_offset)
            var message = problem
            if parser.problem_value != -1 {
                message += " (byte 0x\(String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true)))"
            }
            message += ": expected UTF-8 text"
            return .error(message, at: Mark(file: source.path, line: line, column: column))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let at = mark(parser.problem_mark)
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                let contextMark = mark(parser.context_mark)
                message += " \(context)"
                if contextMark != at { message += " that starts at \(contextMark.line):\(contextMark.column)" }
            }
            if character(atByteIndex: Int(parser.problem_mark.index)) == UInt8(ascii: "\t") {
                message += " (a tab: YAML indents with spaces only)"
            }
            return .error(message, at: at)
        default:
            return .error("libyaml failed: \(problem)", at: mark(parser.problem_mark))
        }
    }

    private func character(atByteIndex index: Int) -> UInt8? {
        index >= 0 && index < source.bytes.count ? source.bytes[index] : nil
    }
}
