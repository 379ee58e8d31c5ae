import OrderedCollections
import YAMLSource

/// What an error in a document stops a run from testing: nothing that is sent or judged (a
/// link naming a missing operation, a broken component no operation uses, the `info` object),
/// some operations (an error inside one, or in a component it reaches through `$ref`s), or the
/// whole document (its servers, its version). `lint` reports every error alike; `run` skips
/// only what it cannot test.
public enum ProblemReach: Sendable, Hashable {
    case documentation
    /// The operations the error touches, by `OperationEntry.id`, in document order.
    case operations([String])
    case document
}

extension LoadResult {
    /// Each error with what it stops, in the diagnostics' order.
    public func errorReaches() -> [(diagnostic: Diagnostic, reach: ProblemReach)] {
        let errors = diagnostics.filter { $0.severity == .error }
        guard let document else { return errors.map { ($0, .document) } }
        var footprints: [Footprint]?
        return errors.map { error in
            if documentationProblems.contains(error) { return (error, .documentation) }
            guard let file = error.mark?.file, let pointer = error.pointer.flatMap({ JSONPointer($0) }) else { return (error, .document) }
            let operations = document.operations
            if file == sourceMap.mainFile, let first = pointer.tokens.first {
                switch first {
                case "paths" where pointer.tokens.count >= 2:
                    let path = pointer.tokens[1]
                    let method = pointer.tokens.count >= 3 ? pointer.tokens[2].uppercased() : nil
                    let onPath = operations.filter { $0.path == path }
                    let exact = onPath.filter { $0.method == method }
                    return (error, .operations((exact.isEmpty ? onPath : exact).map(\.id)))
                case "servers", "openapi", "jsonSchemaDialect":
                    return (error, .document)
                case "security":
                    return (error, reach(operations.filter { $0.operation.security == nil }.map(\.id)))
                case "components" where pointer.tokens.count >= 3 && pointer.tokens[1] == "securitySchemes":
                    let scheme = pointer.tokens[2]
                    return (error, reach(operations.filter { $0.security.contains { $0.schemes[scheme] != nil } }.map(\.id)))
                case "components":
                    break
                default:
                    return (error, .documentation)
                }
            } else if file == sourceMap.mainFile {
                return (error, .document)
            }
            // A component, here or in another file: the operations that reach it.
            let known = footprints ?? operations.map { Footprint($0, in: self) }
            footprints = known
            return (error, reach(known.filter { $0.contains(file: file, pointer: pointer) }.map(\.operationId)))
        }
    }

    private func reach(_ operations: [String]) -> ProblemReach {
        operations.isEmpty ? .documentation : .operations(operations)
    }
}

/// The places an operation's requests and answers are read from: its own object and its path
/// item's, and every node a `$ref` from there leads to, transitively.
private struct Footprint {
    let operationId: String
    /// Subtrees by file: an error at or under one of these pointers touches the operation.
    private var roots: [String: [JSONPointer]] = [:]

    init(_ entry: OperationEntry, in result: LoadResult) {
        operationId = entry.id
        var visited: Set<NodeID> = []
        var pending: [(node: Node, file: String)] = []
        func add(_ location: Location) {
            roots[location.file, default: []].append(location.pointer)
            if let node = result.sourceMap.node(at: location.pointer, in: location.file) { pending.append((node, location.file)) }
        }
        add(entry.operation.location)
        if let mainFile = result.sourceMap.mainFile, let item = result.document?.paths[entry.path] {
            add(item.location)
            if item.location.file != mainFile { add(Location(mark: item.location.mark, pointer: JSONPointer(tokens: ["paths", entry.path]))) }
        }
        while let (node, file) = pending.popLast() {
            guard visited.insert(node.id).inserted else { continue }
            if let ref = node["$ref"]?.string, let (target, targetNode) = result.sourceMap.resolve(ref, from: file) {
                roots[target.file, default: []].append(target.pointer)
                pending.append((targetNode, target.file))
            }
            if let entries = node.mapping {
                pending += entries.map { ($0.value, file) }
            } else if let items = node.sequence {
                pending += items.map { ($0, file) }
            }
        }
    }

    func contains(file: String, pointer: JSONPointer) -> Bool {
        (roots[file] ?? []).contains { root in pointer.tokens.starts(with: root.tokens) }
    }
}
