import CYAML

/// Builds a file's node storage from libyaml's events, iteratively, so depth is bounded by
/// `Limits.maxDepth` and never by the call stack.
struct Composer {
    private let source: SourceFile
    private let fileID: UInt32
    private let limits: YAMLParser.Limits
    private var diagnostics: [Diagnostic] = []

    // The storage being built.
    private var records: [NodeRecord] = []
    private var children: [Int32] = []
    private var text: [UInt8] = []
    private var tags: [Int32: String] = [:]

    private var stack: [Collection] = []
    /// Child lists of the open collections, by depth, kept to reuse their capacity.
    private var scratch: [[Int32]] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasedNodes = 0
    private var root: Int32?
    private var documents = 0

    /// An anchored node with the size of its subtree, which each alias adds to the budget.
    private struct Anchored {
        var index: Int32
        var size: Int
    }

    /// A sequence or mapping still being read.
    private struct Collection {
        var index: Int32
        var anchor: String?
        var isMapping: Bool
        var pendingKey: Int32?
        /// Merge (`<<`) sources, in order, with the entry count at which each applies.
        var merges: [(position: Int, sources: [Int32])] = []
        /// Scalar keys seen so far, to find duplicates; indexed once there are many.
        var keys: [Int32] = []
        var keyIndex: [String: Int32]?
        var size = 1
    }

    init(source: SourceFile, limits: YAMLParser.Limits) {
        self.source = source
        self.fileID = FileNames.id(of: source.path)
        self.limits = limits
        records.reserveCapacity(source.bytes.count / 12)
        children.reserveCapacity(source.bytes.count / 12)
        text.reserveCapacity(source.bytes.count / 2)
    }

    private func mark(_ libyamlMark: yaml_mark_t) -> Mark {
        Mark(fileID: fileID, line: Int(libyamlMark.line) + 1, column: Int(libyamlMark.column) + 1)
    }

    private func mark(of index: Int32) -> Mark {
        let record = records[Int(index)]
        return Mark(fileID: fileID, line: Int(record.line), column: Int(record.column))
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
            let keepGoing = handle(&event)
            yaml_event_delete(&event)
            if !keepGoing { break }
        }
        guard let root, stack.isEmpty else {
            return ParsedYAML(root: nil, diagnostics: diagnostics)
        }
        let storage = NodeStorage(fileID: fileID, records: records, children: children, text: text, tags: tags)
        return ParsedYAML(root: Node(storage: storage, index: root), diagnostics: diagnostics)
    }

    /// Handles one event; `false` once the stream ends or a fatal problem stops reading.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        switch event.type {
        case YAML_STREAM_END_EVENT:
            if documents == 0 {
                diagnostics.append(
                    .error(
                        "the file is empty: expected a YAML or JSON document", at: Mark(fileID: fileID, line: 1, column: 1)))
            }
            return false
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(
                    .error(
                        "a second document starts here: expected exactly one document in the file", at: mark(event.start_mark)))
                root = nil
                return false
            }
        case YAML_SCALAR_EVENT:
            return scalar(event)
        case YAML_SEQUENCE_START_EVENT:
            return open(isMapping: false, event.start_mark, anchor: string(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            return open(isMapping: true, event.start_mark, anchor: string(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return close()
        case YAML_ALIAS_EVENT:
            return alias(event)
        default:
            break
        }
        return true
    }

    private mutating func scalar(_ event: yaml_event_t) -> Bool {
        let data = event.data.scalar
        let style: Scalar.Style =
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        let tag = string(data.tag)
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let index = Int32(records.count)
        records.append(
            NodeRecord(
                line: UInt32(event.start_mark.line + 1), column: UInt32(event.start_mark.column + 1),
                start: UInt32(text.count), count: UInt32(data.length),
                shape: .scalar, style: style, kind: CoreSchema.resolve(bytes: bytes, style: style, tag: tag)))
        text.append(contentsOf: bytes)
        if let tag { tags[index] = tag }
        return add(index, size: 1, anchor: string(data.anchor))
    }

    private mutating func alias(_ event: yaml_event_t) -> Bool {
        let name = string(event.data.alias.anchor) ?? ""
        guard let anchored = anchors[name] else {
            diagnostics.append(
                .error(
                    "unknown alias '*\(name)': no anchor '&\(name)' is defined before it", at: mark(event.start_mark)))
            return false
        }
        aliasedNodes += anchored.size
        guard aliasedNodes <= limits.maxAliasedNodes else {
            diagnostics.append(
                .error(
                    "aliases expand to more than \(limits.maxAliasedNodes) nodes (here '*\(name)'): expected a document without exponential alias expansion",
                    at: mark(event.start_mark)))
            return false
        }
        return add(anchored.index, size: anchored.size, anchor: nil)
    }

    private mutating func open(isMapping: Bool, _ start: yaml_mark_t, anchor: String?) -> Bool {
        guard stack.count < limits.maxDepth else {
            diagnostics.append(
                .error(
                    "nesting is deeper than \(limits.maxDepth) levels: expected a shallower document", at: mark(start)))
            return false
        }
        let index = Int32(records.count)
        records.append(
            NodeRecord(
                line: UInt32(start.line + 1), column: UInt32(start.column + 1), start: 0, count: 0,
                shape: isMapping ? .mapping : .sequence, style: .plain, kind: .null))
        stack.append(Collection(index: index, anchor: anchor, isMapping: isMapping))
        if scratch.count < stack.count {
            scratch.append([])
        } else {
            scratch[stack.count - 1].removeAll(keepingCapacity: true)
        }
        return true
    }

    private mutating func close() -> Bool {
        let collection = stack.removeLast()
        let depth = stack.count
        let start = children.count
        if collection.isMapping, !collection.merges.isEmpty {
            appendMerged(collection, explicit: scratch[depth])
        } else {
            children.append(contentsOf: scratch[depth])
        }
        let itemCount = children.count - start
        records[Int(collection.index)].start = UInt32(start)
        records[Int(collection.index)].count = UInt32(collection.isMapping ? itemCount / 2 : itemCount)
        return add(collection.index, size: collection.size, anchor: collection.anchor)
    }

    /// Adds a finished node to the collection being read, or makes it the root.
    private mutating func add(_ index: Int32, size: Int, anchor: String?) -> Bool {
        if let anchor { anchors[anchor] = Anchored(index: index, size: size) }
        guard !stack.isEmpty else {
            root = index
            return true
        }
        let top = stack.count - 1
        stack[top].size += size
        guard stack[top].isMapping else {
            scratch[top].append(index)
            return true
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = index
            return true
        }
        stack[top].pendingKey = nil
        let keyRecord = records[Int(key)]
        if keyRecord.shape == .scalar, keyRecord.style == .plain, tags[key] == nil, keyRecord.count == 2,
            text[Int(keyRecord.start)] == UInt8(ascii: "<"), text[Int(keyRecord.start) + 1] == UInt8(ascii: "<")
        {
            return addMerge(index)
        }
        if keyRecord.shape == .scalar {
            if let first = firstKey(equalTo: key, in: top) {
                let firstMark = mark(of: first)
                diagnostics.append(
                    .error(
                        "duplicate key '\(keyText(key))' in this mapping: expected each key once (first defined at \(firstMark.line):\(firstMark.column))",
                        at: mark(of: key)))
                return true
            }
            remember(key: key, in: top)
        }
        scratch[top].append(key)
        scratch[top].append(index)
        return true
    }

    private func keyText(_ index: Int32) -> String {
        let record = records[Int(index)]
        return String(decoding: text[Int(record.start)..<Int(record.start + record.count)], as: UTF8.self)
    }

    private func sameText(_ a: Int32, _ b: Int32) -> Bool {
        let first = records[Int(a)]
        let second = records[Int(b)]
        guard first.count == second.count, first.shape == .scalar, second.shape == .scalar else { return false }
        return text.withUnsafeBufferPointer { buffer in
            buffer[Int(first.start)..<Int(first.start + first.count)]
                .elementsEqual(buffer[Int(second.start)..<Int(second.start + second.count)])
        }
    }

    private func firstKey(equalTo key: Int32, in top: Int) -> Int32? {
        if let index = stack[top].keyIndex { return index[keyText(key)] }
        return stack[top].keys.first { sameText($0, key) }
    }

    private mutating func remember(key: Int32, in top: Int) {
        if stack[top].keyIndex != nil {
            // The name is read before the stack is written: reading `self` inside the
            // write would make Swift copy the whole composer.
            let name = keyText(key)
            stack[top].keyIndex![name] = key
            return
        }
        stack[top].keys.append(key)
        if stack[top].keys.count > 16 {
            var index: [String: Int32] = [:]
            for seen in stack[top].keys { index[keyText(seen)] = seen }
            stack[top].keyIndex = index
            stack[top].keys = []
        }
    }

    private mutating func addMerge(_ value: Int32) -> Bool {
        let record = records[Int(value)]
        let sources: [Int32]
        switch record.shape {
        case .mapping:
            sources = [value]
        case .sequence where (0..<Int(record.count)).allSatisfy({ records[Int(children[Int(record.start) + $0])].shape == .mapping }):
            sources = (0..<Int(record.count)).map { children[Int(record.start) + $0] }
        default:
            let found = record.shape == .sequence ? "a sequence with other items" : record.kind.description
            diagnostics.append(
                .error(
                    "the merge key '<<' needs a mapping or a sequence of mappings, found \(found)", at: mark(of: value)))
            return false
        }
        let top = stack.count - 1
        stack[top].merges.append((scratch[top].count / 2, sources))
        return true
    }

    /// Explicit keys win over merged ones, and earlier merge sources over later ones; merged
    /// entries take the place of the `<<` key.
    private mutating func appendMerged(_ collection: Collection, explicit: [Int32]) {
        var taken = Set(stride(from: 0, to: explicit.count, by: 2).map { keyText(explicit[$0]) })
        var next = 0
        for merge in collection.merges {
            children.append(contentsOf: explicit[(2 * next)..<(2 * merge.position)])
            next = merge.position
            for source in merge.sources {
                let record = records[Int(source)]
                for entry in 0..<Int(record.count) {
                    let key = children[Int(record.start) + 2 * entry]
                    let value = children[Int(record.start) + 2 * entry + 1]
                    if taken.insert(keyText(key)).inserted {
                        children.append(key)
                        children.append(value)
                    }
                }
            }
        }
        children.append(contentsOf: explicit[(2 * next)...])
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
            return .error(message, at: Mark(fileID: fileID, line: line, column: column))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let at = mark(parser.problem_mark)
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                let contextMark = mark(parser.context_mark)
                message += " \(context)"
                if contextMark != at { message += " that starts at \(contextMark.line):\(contextMark.column)" }
            }
            let index = Int(parser.problem_mark.index)
            if index >= 0, index < source.bytes.count, source.bytes[index] == UInt8(ascii: "\t") {
                message += " (a tab: YAML indents with spaces only)"
            }
            return .error(message, at: at)
        default:
            return .error("libyaml failed: \(problem)", at: mark(parser.problem_mark))
        }
    }
}
