import BusinessRules
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

/// Derives conformance cases from the model for every operation of a document: positive,
/// negative, auth, method, business-rule and exploration cases; deterministic for a seed and
/// run tag.
public struct CaseGenerator {
    let document: OpenAPIDocument
    let rules: BusinessRules
    let options: CaseOptions
    let compiler: SchemaCompiler
    var addresses: AddressBook
    var synthesizer: ValueSynthesizer
    /// Every path segment followed by a parameter (`projects` in `/projects/{id}`), lower case:
    /// a member named so names another resource. Worked out once, when first asked.
    private var collectionNames: Set<String>?

    /// The collections' names (see `collectionNames`).
    mutating func resourceCollectionNames() -> Set<String> {
        if let collectionNames { return collectionNames }
        var names: Set<String> = []
        for path in document.paths.keys {
            let segments = PathTemplate(path).segments
            for (segment, next) in zip(segments, segments.dropFirst()) {
                guard segment.count == 1, case .literal(let text) = segment[0],
                    next.contains(where: { if case .parameter = $0 { true } else { false } })
                else { continue }
                names.insert(text.lowercased())
            }
        }
        collectionNames = names
        return names
    }

    /// A generator for `document`'s operations, with their rules.
    public init(document: OpenAPIDocument, rules: BusinessRules, options: CaseOptions) {
        self.document = document
        self.rules = rules
        self.options = options
        self.compiler = SchemaCompiler(document: document)
        self.addresses = AddressBook(tag: options.runTag, domain: options.emailDomain)
        self.synthesizer = ValueSynthesizer(seed: options.seed)
    }

    /// Every case, operation by operation, in document order.
    public mutating func cases() -> [TestCase] {
        var all: [TestCase] = []
        let operations = document.operations
        // One operation speaks for its path's undeclared methods: the first on the path.
        var seenPaths: Set<String> = []
        let firstOnPath = Set(operations.filter { seenPaths.insert($0.path).inserted }.map(\.id))
        for entry in operations where options.operationIds.map({ $0.contains(entry.id) }) ?? true {
            if let reason = options.skippedOperations[entry.id] {
                all.append(
                    TestCase(
                        operationId: entry.id, kind: .positive, name: "every case of the operation", steps: [],
                        specLocation: SpecLocation(entry.operation.location), skipReason: reason))
                continue
            }
            var context = OperationContext(entry: entry, generator: &self)
            var cases: [TestCase] = []
            if options.kinds.contains(.positive) { cases += context.positiveCases(&self) }
            if options.kinds.contains(.negative) { cases += context.negativeCases(&self) }
            if options.kinds.contains(.auth) { cases += context.authCases(&self) }
            if options.kinds.contains(.method), firstOnPath.contains(entry.id) { cases += context.methodCases(document) }
            if options.kinds.contains(.rules) { cases += context.ruleCases(&self) }
            if options.kinds.contains(.explore) { cases += context.explorationCases(&self) }
            all += Self.uniquelyNamed(context.withFreshItems(cases, &self))
        }
        if options.kinds.contains(.sequence) {
            all += Self.uniquelyNamed(sequenceCases(only: options.operationIds))
        }
        if let ids = options.caseIds { all.removeAll { !ids.contains($0.id) } }
        return all
    }

    /// Names stay unique within an operation (GitLab keys cases by class and name).
    static func uniquelyNamed(_ cases: [TestCase]) -> [TestCase] {
        var seen: [String: Int] = [:]
        return cases.map { testCase in
            var renamed = testCase
            let count = seen[testCase.name, default: 0] + 1
            seen[testCase.name] = count
            if count > 1 { renamed.name += " (\(count))" }
            return renamed
        }
    }
}
