/// One parsed file's nodes, packed: a fixed-size record per node, the children of every
/// collection in one array, and every scalar's bytes in one buffer. Built once by the
/// composer and never changed.
final class NodeStorage: Sendable {
    let fileID: UInt32
    let records: [NodeRecord]
    /// Children of collections, each collection's contiguous; a mapping's alternate key, value.
    let children: [Int32]
    let text: [UInt8]
    /// Explicit tags, for the few scalars that have one.
    let tags: [Int32: String]

    init(fileID: UInt32, records: [NodeRecord], children: [Int32], text: [UInt8], tags: [Int32: String]) {
        self.fileID = fileID
        self.records = records
        self.children = children
        self.text = text
        self.tags = tags
    }

    func text(_ record: NodeRecord) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(record.start)..<Int(record.start + record.count)]), as: UTF8.self)
        }
    }

    func textEquals(_ record: NodeRecord, _ other: String) -> Bool {
        var other = other
        return other.withUTF8 { candidate in
            guard candidate.count == Int(record.count) else { return false }
            return text.withUnsafeBufferPointer { buffer in
                candidate.elementsEqual(buffer[Int(record.start)..<Int(record.start + record.count)])
            }
        }
    }
}

/// The fixed-size part of a node.
struct NodeRecord: Sendable {
    enum Shape: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    var line: UInt32
    var column: UInt32
    /// Scalars: offset and length in the text buffer. Collections: offset and number of items
    /// (entries, for a mapping) in the children array.
    var start: UInt32
    var count: UInt32
    var shape: Shape
    var style: Scalar.Style
    var kind: Scalar.Kind
}
