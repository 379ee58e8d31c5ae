import Foundation
import YAMLSource

/// The bundled JSON Schema meta-schemas (draft-04, 2020-12 and its vocabularies), by `$id`.
enum Metaschemas {
    private static let documents: [String: (node: Node, file: String)] = {
        var documents: [String: (node: Node, file: String)] = [:]
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Metaschemas"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return documents }
        for name in names where name.hasSuffix(".json") {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url),
                let root = YAMLParser().parse(SourceFile(path: url.lastPathComponent, bytes: Array(data))).root,
                let id = root["$id"]?.string ?? root["id"]?.string
            else { continue }
            documents[URIReference(id).withoutFragment.description] = (root, id)
        }
        return documents
    }()

    static func document(at uri: String) -> (node: Node, file: String)? {
        documents[uri]
    }
}
