import YAMLSource

/// Compiles the keywords of one schema object, by its dialect.
final class KeywordCompiler {
    /// What a schema object compiles to, besides its place.
    struct Built {
        var keywords: [Keyword] = []
        var example: JSONValue?
    }

    let compiler: SchemaCompiler
    let entry: SchemaRegistry.Entry
    let schemaLocation: SchemaLocation
    private var built = Built()

    init(compiler: SchemaCompiler, entry: SchemaRegistry.Entry, location: SchemaLocation) {
        self.compiler = compiler
        self.entry = entry
        self.schemaLocation = location
    }

    private var node: Node { entry.node }
    /// The `readOnly` / `writeOnly` members of this schema's `properties`, worked out once for
    /// both `required` and `properties`.
    private lazy var directionSets = directionOnly(node["properties"])
    private var dialect: ValidationDialect { entry.dialect }

    private static let validationKeywords: Set<String> = [
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired",
    ]

    /// The keyword's place: the mark of its key, the line a reader looks for.
    private func location(_ keyword: String) -> SchemaLocation {
        let key = node.mapping?.first { $0.key.hasText(keyword) }?.key
        return schemaLocation.appending(keyword, mark: key?.mark)
    }

    private func add(_ keyword: String, _ kind: KeywordKind) {
        built.keywords.append(Keyword(kind: kind, location: location(keyword)))
    }

    private func sub(_ keyword: String, _ tokens: String...) -> SchemaID? {
        var value = node[keyword]
        for token in tokens {
            value = value.flatMap { $0.descendant(at: JSONPointer(tokens: [token])) }
        }
        return value.map { compiler.compile($0, under: entry, at: [keyword] + tokens) }
    }

    func compileKeywords() -> Built {
        built.example = (node["example"] ?? node["examples"]?.sequence?.first ?? node["default"]).map(JSONValue.init)
        if let ref = node["$ref"] {
            compileReference(ref, keyword: "$ref")
            if dialect.refOverridesSiblings { return built }
        }
        guard let members = node.mapping else { return built }
        var deferred: [Keyword] = []
        for member in members {
            guard let keyword = member.key.scalar?.text else { continue }
            if !entry.validationVocabulary, Self.validationKeywords.contains(keyword) { continue }
            compile(keyword, member.value)
        }
        // `unevaluated*` see what every other keyword of the schema evaluated: last.
        built.keywords.removeAll { keyword in
            switch keyword.kind {
            case .unevaluatedItems, .unevaluatedProperties:
                deferred.append(keyword)
                return true
            default:
                return false
            }
        }
        built.keywords += deferred
        return built
    }

    private func compileReference(_ value: Node, keyword: String) {
        guard let ref = value.string else {
            compiler.report("'\(keyword)' must be a string, found \(value.kindDescription)", at: location(keyword))
            return
        }
        var link = compiler.link(ref, from: entry, at: location(keyword))
        if keyword == "$dynamicRef" {
            let fragment = URIReference(ref).fragment ?? ""
            if !fragment.isEmpty, !fragment.hasPrefix("/"), link.target != nil,
                registryNode(for: link)?["$dynamicAnchor"]?.string == fragment
            {
                link = link.dynamic(anchor: fragment)
            }
            add(keyword, .dynamicRef(link))
        } else {
            add(keyword, .ref(link))
        }
    }

    private func registryNode(for link: SchemaReference) -> Node? {
        compiler.registry.resolve(link.ref, against: entry.base)?.node
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func compile(_ keyword: String, _ value: Node) {
        switch keyword {
        case "$dynamicRef" where dialect == .draft2020_12:
            compileReference(value, keyword: keyword)
        case "type":
            compileType(value)
        case "enum":
            guard let items = value.sequence else { return bad(keyword, "an array") }
            add(keyword, .enumeration(items.map(JSONValue.init)))
        case "const" where dialect == .draft2020_12:
            add(keyword, .const(JSONValue(value)))
        case "multipleOf":
            guard let number = number(value), number.double > 0 else { return bad(keyword, "a number greater than 0") }
            add(keyword, .multipleOf(number))
        case "maximum", "minimum":
            guard let number = number(value) else { return bad(keyword, "a number") }
            let exclusive = dialect != .draft2020_12 && node[keyword == "maximum" ? "exclusiveMaximum" : "exclusiveMinimum"]?.scalar?.bool == true
            add(keyword, keyword == "maximum" ? .maximum(number, exclusive: exclusive) : .minimum(number, exclusive: exclusive))
        case "exclusiveMaximum", "exclusiveMinimum":
            guard dialect == .draft2020_12 else { return }  // draft-04: a modifier of maximum/minimum
            guard let number = number(value) else { return bad(keyword, "a number") }
            add(keyword, keyword == "exclusiveMaximum" ? .maximum(number, exclusive: true) : .minimum(number, exclusive: true))
        case "maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties":
            guard let count = count(value) else { return bad(keyword, "a non-negative integer") }
            let kind: KeywordKind =
                switch keyword {
                case "maxLength": .maxLength(count)
                case "minLength": .minLength(count)
                case "maxItems": .maxItems(count)
                case "minItems": .minItems(count)
                case "maxProperties": .maxProperties(count)
                default: .minProperties(count)
                }
            add(keyword, kind)
        case "pattern":
            guard let source = value.string else { return bad(keyword, "a string") }
            if let pattern = pattern(source, keyword: keyword) { add(keyword, .pattern(pattern)) }
        case "format":
            if let name = value.string, let check = FormatCheck.named(name, dialect: dialect) {
                add(keyword, .format(check, always: entry.formatAssertion))
            }
        case "uniqueItems":
            if value.scalar?.bool == true { add(keyword, .uniqueItems) }
        case "required":
            guard let names = value.sequence?.compactMap(\.string) else { return bad(keyword, "an array of strings") }
            let (readOnly, writeOnly) = directionSets
            if !names.isEmpty { add(keyword, .required(RequiredMembers(names: names, readOnly: readOnly, writeOnly: writeOnly))) }
        case "dependentRequired" where dialect == .draft2020_12:
            add(keyword, .dependentRequired(stringLists(value)))
        case "dependencies":  // draft-04; also read in 2020-12 for compatibility
            compileDependencies(value)
        case "properties":
            guard let members = value.mapping else { return bad(keyword, "an object") }
            var names: [String] = []
            var schemas: [SchemaID] = []
            for member in members {
                guard let name = member.key.scalar?.text else { continue }
                names.append(name)
                schemas.append(compiler.compile(member.value, under: entry, at: [keyword, name]))
            }
            let (readOnly, writeOnly) = directionSets
            add(
                keyword,
                .properties(
                    PropertySet(
                        names: names, schemas: schemas, plans: schemas.map(compiler.scalarPlan), readOnly: readOnly, writeOnly: writeOnly)))
        case "patternProperties":
            guard let members = value.mapping else { return bad(keyword, "an object") }
            var patterns: [(CompiledPattern, SchemaID)] = []
            for member in members {
                guard let source = member.key.scalar?.text, let compiled = pattern(source, keyword: keyword) else { continue }
                patterns.append((compiled, compiler.compile(member.value, under: entry, at: [keyword, source])))
            }
            add(keyword, .patternProperties(patterns))
        case "additionalProperties":
            let named = Set(node["properties"]?.mapping?.compactMap { $0.key.scalar?.text } ?? [])
            let patterns =
                node["patternProperties"]?.mapping?.compactMap { member in
                    member.key.scalar.flatMap { try? ECMARegex.compile($0.text) }
                } ?? []
            add(keyword, .additionalProperties(compiler.compile(value, under: entry, at: [keyword]), named: named, patterns: patterns))
        case "propertyNames" where dialect == .draft2020_12:
            add(keyword, .propertyNames(compiler.compile(value, under: entry, at: [keyword])))
        case "dependentSchemas" where dialect == .draft2020_12:
            add(
                keyword,
                .dependentSchemas(
                    (value.mapping.map(Array.init) ?? []).compactMap { member in
                        member.key.scalar.map { ($0.text, compiler.compile(member.value, under: entry, at: [keyword, $0.text])) }
                    }))
        case "prefixItems" where dialect == .draft2020_12:
            guard let items = value.sequence else { return bad(keyword, "an array") }
            add(keyword, .prefixItems(items.enumerated().map { compiler.compile($0.element, under: entry, at: [keyword, String($0.offset)]) }))
        case "items":
            compileItems(value)
        case "additionalItems" where dialect != .draft2020_12:
            if let tuple = node["items"]?.sequence {
                add(keyword, .items(compiler.compile(value, under: entry, at: [keyword]), start: tuple.count))
            }
        case "contains" where dialect == .draft2020_12:
            let minimum = node["minContains"].flatMap(count) ?? 1
            let maximum = node["maxContains"].flatMap(count)
            add(keyword, .contains(compiler.compile(value, under: entry, at: [keyword]), min: minimum, max: maximum))
        case "allOf", "anyOf", "oneOf":
            guard let items = value.sequence, !items.isEmpty else { return bad(keyword, "a non-empty array of schemas") }
            let schemas = items.enumerated().map { compiler.compile($0.element, under: entry, at: [keyword, String($0.offset)]) }
            if keyword != "allOf", node["discriminator"] != nil { return }  // the discriminator dispatches
            add(keyword, keyword == "allOf" ? .allOf(schemas) : keyword == "anyOf" ? .anyOf(schemas) : .oneOf(schemas))
        case "not":
            add(keyword, .not(compiler.compile(value, under: entry, at: [keyword])))
        case "if" where dialect == .draft2020_12:
            add(
                keyword,
                .conditional(
                    if: compiler.compile(value, under: entry, at: [keyword]),
                    then: node["then"].map { compiler.compile($0, under: entry, at: ["then"]) },
                    else: node["else"].map { compiler.compile($0, under: entry, at: ["else"]) }))
        case "unevaluatedProperties" where dialect == .draft2020_12:
            compiler.noteUnevaluated()
            add(keyword, .unevaluatedProperties(compiler.compile(value, under: entry, at: [keyword])))
        case "unevaluatedItems" where dialect == .draft2020_12:
            compiler.noteUnevaluated()
            add(keyword, .unevaluatedItems(compiler.compile(value, under: entry, at: [keyword])))
        case "discriminator" where dialect != .draft4:
            compileDiscriminator(value)
        case "$defs", "definitions":
            // Compiled when referenced; compile them now too, so their problems are reported.
            for member in value.mapping.map(Array.init) ?? [] {
                guard let name = member.key.scalar?.text else { continue }
                _ = compiler.compile(member.value, under: entry, at: [keyword, name])
            }
        default:
            break
        }
    }

    /// The members of a `properties` object whose schema is `readOnly` / `writeOnly`, itself
    /// or through its `$ref` (read from the document, so known before anything is compiled).
    private func directionOnly(_ properties: Node?) -> (readOnly: Set<String>, writeOnly: Set<String>) {
        var readOnly: Set<String> = []
        var writeOnly: Set<String> = []
        for member in properties?.mapping.map(Array.init) ?? [] {
            guard let name = member.key.scalar?.text else { continue }
            let target = member.value["$ref"]?.string.flatMap { compiler.registry.resolve($0, against: entry.base)?.node }
            func marked(_ keyword: String) -> Bool {
                member.value[keyword]?.scalar?.bool == true || target?[keyword]?.scalar?.bool == true
            }
            if marked("readOnly") { readOnly.insert(name) }
            if marked("writeOnly") { writeOnly.insert(name) }
        }
        return (readOnly, writeOnly)
    }

    private func bad(_ keyword: String, _ expected: String) {
        compiler.report("'\(keyword)' must be \(expected), found \(node[keyword]?.kindDescription ?? "nothing")", at: location(keyword))
    }

    private func number(_ node: Node) -> JSONNumber? {
        if case .number(let number) = JSONValue(node) { return number }
        return nil
    }

    private func count(_ node: Node) -> Int? {
        guard let number = number(node), number.isInteger, number.double >= 0 else { return nil }
        return number.int.map(Int.init) ?? Int(exactly: number.double) ?? Int.max
    }

    private func pattern(_ source: String, keyword: String) -> CompiledPattern? {
        do {
            return try ECMARegex.compile(source)
        } catch {
            compiler.report("'\(keyword)' pattern '\(source)' is not a valid ECMA-262 regular expression", at: location(keyword))
            return nil
        }
    }

    private func stringLists(_ value: Node) -> [(String, [String])] {
        (value.mapping.map(Array.init) ?? []).compactMap { member in
            guard let name = member.key.scalar?.text, let items = member.value.sequence else { return nil }
            return (name, items.compactMap(\.string))
        }
    }

    private func compileType(_ value: Node) {
        let names = value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? []
        let types = names.compactMap(JSONType.init(rawValue:))
        guard types.count == names.count, !names.isEmpty else { return bad("type", "a JSON type name or an array of them") }
        let nullable = dialect == .openAPI30 && node["nullable"]?.scalar?.bool == true
        add("type", .type(TypeCheck(types: types, nullable: nullable)))
    }

    private func compileItems(_ value: Node) {
        if let tuple = value.sequence {
            guard dialect != .draft2020_12 else { return bad("items", "a schema") }
            add("items", .prefixItems(tuple.enumerated().map { compiler.compile($0.element, under: entry, at: ["items", String($0.offset)]) }))
            return
        }
        let start = dialect == .draft2020_12 ? (node["prefixItems"]?.sequence?.count ?? 0) : 0
        add("items", .items(compiler.compile(value, under: entry, at: ["items"]), start: start))
    }

    private func compileDependencies(_ value: Node) {
        var required: [(String, [String])] = []
        var schemas: [(String, SchemaID)] = []
        for member in value.mapping.map(Array.init) ?? [] {
            guard let name = member.key.scalar?.text else { continue }
            if let items = member.value.sequence {
                required.append((name, items.compactMap(\.string)))
            } else {
                schemas.append((name, compiler.compile(member.value, under: entry, at: ["dependencies", name])))
            }
        }
        if !required.isEmpty { add("dependencies", .dependentRequired(required)) }
        if !schemas.isEmpty { add("dependencies", .dependentSchemas(schemas)) }
    }

    private func compileDiscriminator(_ value: Node) {
        guard let property = value["propertyName"]?.string else { return bad("discriminator", "an object with 'propertyName'") }
        let at = location("discriminator")
        var mapping: [String: SchemaReference] = [:]
        let keyword = node["oneOf"] != nil ? "oneOf" : "anyOf"
        let branches = node[keyword]?.sequence
        if let branches {
            // Implicit names: each branch that references a component schema, by that name.
            for branch in branches {
                guard let ref = branch["$ref"]?.string, let name = ref.split(separator: "/").last else { continue }
                mapping[String(name)] = compiler.link(ref, from: entry, at: at)
            }
        } else {
            mapping = compiler.componentSchemaLinks(from: entry, at: at)
        }
        for member in value["mapping"]?.mapping.map(Array.init) ?? [] {
            guard let name = member.key.scalar?.text, let target = member.value.string else { continue }
            let ref = target.contains("/") || target.contains("#") ? target : "#/components/schemas/\(target)"
            mapping[name] = compiler.link(ref, from: entry, at: at)
        }
        let alternatives = branches.map { items in
            (
                schemas: items.enumerated().map { compiler.compile($0.element, under: entry, at: [keyword, String($0.offset)]) },
                exactlyOne: keyword == "oneOf"
            )
        }
        add("discriminator", .discriminator(property: property, mapping: mapping, alternatives: alternatives))
    }
}
