/// A node tree written in code, from parts of parsed trees and new nodes, each with the mark it
/// should carry: how a document in one format is rewritten into another (Swagger 2.0 into
/// OpenAPI 3.0) while every node still points at the place in the file it came from.
public indirect enum NodeTree: Sendable {
    /// A parsed node, as it is (its children included).
    case node(Node)
    /// A new scalar.
    case scalar(String, Scalar.Kind, at: Mark)
    /// A new sequence.
    case sequence([NodeTree], at: Mark)
    /// A new mapping, entries in order.
    case mapping([(key: NodeTree, value: NodeTree)], at: Mark)

    /// A string scalar.
    public static func string(_ text: String, at mark: Mark) -> NodeTree { .scalar(text, .string, at: mark) }

    /// A mapping whose keys are new strings at the mark of their values.
    public static func object(_ entries: [(String, NodeTree)], at mark: Mark) -> NodeTree {
        .mapping(entries.map { (NodeTree.string($0.0, at: $0.1.mark), $0.1) }, at: mark)
    }

    /// Where the tree's root says it is.
    public var mark: Mark {
        switch self {
        case .node(let node): node.mark
        case .scalar(_, _, let mark), .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }

    /// The tree as a node of its own storage. Every mark must be in the file of the root's.
    public func build() -> Node {
        var builder = Builder(fileID: mark.fileID)
        let root = builder.add(self)
        let storage = NodeStorage(
            fileID: builder.fileID, records: builder.records, children: builder.children,
            text: builder.text, tags: builder.tags)
        return Node(storage: storage, index: root)
    }

    private struct Builder {
        let fileID: UInt32
        var records: [NodeRecord] = []
        var children: [Int32] = []
        var text: [UInt8] = []
        var tags: [Int32: String] = [:]

        mutating func add(_ tree: NodeTree) -> Int32 {
            switch tree {
            case .node(let node):
                switch node.content {
                case .scalar(let scalar):
                    return scalarRecord(scalar.text, style: scalar.style, kind: scalar.kind, tag: scalar.tag, at: node.mark)
                case .sequence(let items):
                    return collection(.sequence, items.map { add(.node($0)) }, at: node.mark, count: items.count)
                case .mapping(let entries):
                    let indices = entries.flatMap { [add(.node($0.key)), add(.node($0.value))] }
                    return collection(.mapping, indices, at: node.mark, count: entries.count)
                }
            case .scalar(let value, let kind, let mark):
                return scalarRecord(value, style: kind == .string ? .doubleQuoted : .plain, kind: kind, tag: nil, at: mark)
            case .sequence(let items, let mark):
                return collection(.sequence, items.map { add($0) }, at: mark, count: items.count)
            case .mapping(let entries, let mark):
                let indices = entries.flatMap { [add($0.key), add($0.value)] }
                return collection(.mapping, indices, at: mark, count: entries.count)
            }
        }

        private mutating func scalarRecord(_ value: String, style: Scalar.Style, kind: Scalar.Kind, tag: String?, at mark: Mark) -> Int32 {
            let start = text.count
            text.append(contentsOf: value.utf8)
            let index = Int32(records.count)
            records.append(
                NodeRecord(
                    line: UInt32(mark.line), column: UInt32(mark.column), start: UInt32(start),
                    count: UInt32(text.count - start), shape: .scalar, style: style, kind: kind))
            if let tag { tags[index] = tag }
            return index
        }

        private mutating func collection(_ shape: NodeRecord.Shape, _ items: [Int32], at mark: Mark, count: Int) -> Int32 {
            let start = children.count
            children.append(contentsOf: items)
            records.append(
                NodeRecord(
                    line: UInt32(mark.line), column: UInt32(mark.column), start: UInt32(start),
                    count: UInt32(count), shape: shape, style: .plain, kind: .null))
            return Int32(records.count - 1)
        }
    }
}
