import BusinessRules
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

extension CaseGenerator {
    /// For every ordinary resource the document describes by its path shapes: create it, read
    /// it back, change it (PUT, else PATCH), delete it, and read it again (404, where the read
    /// documents it), each step about the id the create's answer gave.
    mutating func sequenceCases(only operationIds: Set<String>?) -> [TestCase] {
        let families = ResourceFamilies(document: document)
        let operations = document.operations
        var cases: [TestCase] = []
        for (index, family) in families.families.enumerated() {
            func operation(_ wanted: (ResourceFamilies.Role) -> Bool) -> OperationEntry? {
                families.roles.filter { $0.value.family == index && wanted($0.value.role) }.keys.sorted().first.map { operations[$0] }
            }
            // A family with an operation the document's errors stop is not walked.
            let members = families.roles.filter { $0.value.family == index }.keys
            if members.contains(where: { options.skippedOperations[operations[$0].id] != nil }) { continue }
            guard let create = operation({ if case .create = $0 { true } else { false } }),
                let read = operation({ if case .read = $0 { true } else { false } }),
                operationIds.map({ $0.contains(create.id) }) ?? true
            else { continue }
            let creating = OperationContext(entry: create, generator: &self)
            guard
                var body = [creating.validBody(&self), creating.validBody(&self, includeOptional: false)]
                    .compactMap({ $0 }).first(where: creating.accepts)
            else { continue }
            // An id the client chooses is a new one, so no other case reaches this resource.
            for member in family.idMembers {
                var random = SeededGenerator(seed: Self.mix(options.seed, options.runTag + family.item + member))
                let fresh: JSONValue? =
                    switch body[member] {
                    case .string? where creating.bodyShape?.property(member)?.shape.format == "uuid": .string(random.uuid())
                    case .string?: .string(addresses.freshToken())
                    case .number?: .number(JSONNumber(Int64(900_000_000 + Int(Self.mix(options.seed, options.runTag + family.item) % 90_000_000))))
                    default: nil
                    }
                if let fresh, creating.accepts(body.setting(fresh, at: JSONPointer(tokens: [member]))) {
                    body = body.setting(fresh, at: JSONPointer(tokens: [member]))
                }
            }
            // Only where the create's answer or request can say the id.
            let answers = create.operation.responses.byStatus.filter { $0.key.hasPrefix("2") }.values
                .compactMap { $0.jsonContent?.content.schema.map(compiler.validator(for:)) }
            let named = family.idMembers.filter { member in
                answers.contains { $0.shape.property(member) != nil } || body[member] != nil
            }
            guard !named.isEmpty else { continue }
            var steps: [Step] = [.create(with(creating.request(body: body), create), expect: creating.accepted, idMembers: named)]
            // Every later step names the resource under the parents the create used.
            let itemPath = Self.itemPath(under: creating.path, family)
            let reading = OperationContext(entry: read, generator: &self)
            let readRequest = with(reading.request(), read)
            steps.append(.onCreated(readRequest, expect: .success, path: itemPath, parameter: family.parameter, idMember: nil))
            let update =
                operation({ if case .update(merge: false) = $0 { true } else { false } })
                ?? operation({ if case .update(merge: true) = $0 { true } else { false } })
            if let update, update.method != "POST" {
                let updating = OperationContext(entry: update, generator: &self)
                let changed = updating.validBody(&self)
                steps.append(
                    .onCreated(
                        with(updating.request(body: changed), update), expect: .success, path: itemPath,
                        parameter: family.parameter, idMember: changed?[named[0]] != nil ? named[0] : nil))
            }
            if let delete = operation({ if case .delete = $0 { true } else { false } }) {
                let deleting = OperationContext(entry: delete, generator: &self)
                steps.append(
                    .onCreated(
                        with(deleting.request(), delete), expect: .success, path: itemPath,
                        parameter: family.parameter, idMember: nil))
                if read.operation.responses.byStatus["404"] != nil {
                    steps.append(.onCreated(readRequest, expect: .status([404]), path: itemPath, parameter: family.parameter, idMember: nil))
                }
            }
            var said = ["created", "read back"]
            if steps.count > 2, update != nil, update?.method != "POST" { said.append("changed") }
            if steps.contains(where: { if case .onCreated(let request, _, _, _, _) = $0 { request.method == "DELETE" } else { false } }) {
                said.append("deleted")
                if case .onCreated(_, .status([404]), _, _, _)? = steps.last { said.append("gone") }
            }
            let names = said.dropLast().joined(separator: ", ") + " and " + said.last!
            cases.append(
                TestCase(
                    operationId: create.id, kind: .sequence, name: "a resource at \(family.item) is \(names)",
                    steps: steps, specLocation: document.paths[family.item].map { SpecLocation($0.location) }))
        }
        return cases
    }

    /// The item's path under a collection's filled path, its id left as `{parameter}`:
    /// `/projects/7/flows/` → `/projects/7/flows/{id}` (and a slash after it where the item
    /// path is written with one), `/Messages.json` → `/Messages/{Sid}.json`.
    static func itemPath(under collectionPath: String, _ family: ResourceFamilies.Family) -> String {
        var base = collectionPath.hasSuffix("/") ? String(collectionPath.dropLast()) : collectionPath
        if !family.suffix.isEmpty, base.hasSuffix(family.suffix) { base.removeLast(family.suffix.count) }
        return base + "/{\(family.parameter)}" + family.suffix + (PathTemplate(family.item).hasTrailingSlash ? "/" : "")
    }

    /// A number from a seed and a text, to make ids that differ between runs and resources.
    static func mix(_ seed: UInt64, _ text: String) -> UInt64 {
        OperationContext.mix(seed, text)
    }

    private func with(_ request: RequestSpec, _ entry: OperationEntry) -> RequestSpec {
        var request = request
        request.operationId = entry.id
        return request
    }
}
