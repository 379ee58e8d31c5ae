import YAMLSource

/// The state of one validation: errors so far, where in the instance it is, the dynamic
/// scope, and the options it runs with.
struct Evaluation {
    /// Every schema the validation can reach.
    let graph: SchemaGraph
    var errors: [ValidationError] = []
    /// Instance path tokens, root first; text only when an error needs it.
    var path: [PathToken] = []
    var dynamicScope: [ResourceID] = []
    let direction: Direction
    let formats: FormatReading
    let tracksAnnotations: Bool
    /// Instance locations a discriminator is dispatching for: the chosen schema's `allOf`
    /// back to the parent must not dispatch again.
    var dispatching: Set<[PathToken]> = []
    var depth = 0
    /// The references being followed, each with the place and state it was entered in.
    var references: [ReferenceEntry] = []

    /// A reference followed: its target, the instance depth (along one evaluation the path
    /// only grows, so the depth names the place), and how many discriminators dispatch (the
    /// state that makes a child's `allOf` back to its parent end differently the second time).
    struct ReferenceEntry: Equatable {
        var target: SchemaID
        var depth: Int
        var dispatching: Int
    }

    func referenceEntry(_ target: SchemaID) -> ReferenceEntry {
        ReferenceEntry(target: target, depth: path.count, dispatching: dispatching.count)
    }

    /// Deepest schema nesting followed before a reference loop is called one.
    static let maxDepth = 200

    /// Where in the instance the evaluation is, as a JSON pointer.
    var pointer: JSONPointer { JSONPointer(tokens: path.map(\.text)) }

    mutating func fail(_ keyword: Keyword, _ message: String, missing member: String? = nil) {
        errors.append(
            ValidationError(
                instancePointer: pointer, keyword: keyword.location.pointer.lastToken ?? "",
                message: message, schema: keyword.location, missingMember: member))
    }
}

/// One step into an instance: a member name or an item index (made text only for messages).
enum PathToken: Hashable {
    case key(String)
    case index(Int)

    var text: String {
        switch self {
        case .key(let name): name
        case .index(let index): String(index)
        }
    }
}

/// What a schema evaluated, for `unevaluatedProperties` and `unevaluatedItems`.
struct Evaluated {
    var properties: Set<String> = []
    /// Items `0..<items` were evaluated.
    var items = 0
    var allItems = false
    var containedItems: Set<Int> = []

    mutating func merge(_ other: Evaluated) {
        properties.formUnion(other.properties)
        items = max(items, other.items)
        allItems = allItems || other.allItems
        containedItems.formUnion(other.containedItems)
    }
}
