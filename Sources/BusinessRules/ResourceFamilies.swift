import OpenAPIModel
import OrderedCollections
import SchemaValidation

/// The rules of ordinary resources that a document says by its path shapes alone: a
/// collection path (`/store/order`) whose POST creates, and an item path below it with one
/// parameter (`/store/order/{orderId}`, or `/Messages/{Sid}.json` below `/Messages.json`) whose GET reads what was created, PUT and PATCH change
/// it, and DELETE removes it, so a read after the delete finds nothing. The mock keeps them;
/// the runner checks them in sequences.
public struct ResourceFamilies: Sendable {
    /// A collection path and the item path below it (`/pets`, `/pets/{id}`).
    public struct Family: Sendable {
        /// The collection's path template.
        public var collection: String
        /// The item's path template.
        public var item: String
        /// The item path's parameter: the resource's id.
        public var parameter: String
        /// Body members that may hold the id, most likely first.
        public var idMembers: [String]
        /// What follows the id in the item's last segment and ends the collection: `.json` for
        /// `/Messages/{Sid}.json` below `/Messages.json`; mostly empty.
        public var suffix: String = ""
    }

    /// What an operation does to its family's resources.
    public enum Role: Sendable {
        case create
        case read
        /// `merge`: PATCH changes the members sent; PUT replaces the resource.
        case update(merge: Bool)
        case delete
        /// PUT or PATCH on the collection, naming the resource by an id in the body.
        case updateByBody(merge: Bool)
    }

    /// Every family the document's paths form.
    public let families: [Family]
    /// By operation index (in `document.operations`): its family and role.
    public let roles: [Int: (family: Int, role: Role)]

    /// The families of `document`'s paths and each operation's role in them.
    public init(document: OpenAPIDocument) {
        let operations = document.operations.enumerated().map { ($0.offset, $0.element.path, $0.element.method) }
        var families: [Family] = []
        for (path, _) in document.paths {
            // `/flows/{id}` or `/flows/{id}/`: the last segment with text is one parameter, or
            // one parameter and a suffix that the collection ends in too (Twilio's
            // `/Messages/{Sid}.json` below `/Messages.json`).
            let template = PathTemplate(path)
            let named = template.hasTrailingSlash ? template.segments.dropLast() : template.segments[...]
            guard let last = named.last, case .parameter(let name) = last.first else { continue }
            let suffix: String
            switch last.dropFirst().first {
            case nil: suffix = ""
            case .literal(let text)? where last.count == 2 && text.hasPrefix("."): suffix = text
            default: continue
            }
            // The collection as the document writes it: `/flows/` beside `/flows/{id}` (FastAPI,
            // Django) or `/flows`, the item's own style first.
            let written = template.hasTrailingSlash ? path.dropLast() : path[...]
            let parent = written[..<(written.lastIndex(of: "/") ?? written.startIndex)]
            let bare = parent.isEmpty ? "/" : String(parent) + suffix
            let slashed = parent.isEmpty ? "/" : parent + "/"
            let candidates = !suffix.isEmpty ? [bare] : template.hasTrailingSlash ? [slashed, bare] : [bare, slashed]
            guard let collection = candidates.first(where: { document.paths[$0]?.operations["POST"] != nil }) else { continue }
            families.append(Family(collection: collection, item: path, parameter: name, idMembers: Self.idMembers(for: name), suffix: suffix))
        }
        var roles: [Int: (Int, Role)] = [:]
        for (index, path, method) in operations {
            if let family = families.firstIndex(where: { $0.item == path }) {
                switch method {
                case "GET": roles[index] = (family, .read)
                case "PUT": roles[index] = (family, .update(merge: false))
                case "PATCH", "POST": roles[index] = (family, .update(merge: true))
                case "DELETE": roles[index] = (family, .delete)
                default: break
                }
            } else if let family = families.firstIndex(where: { $0.collection == path }) {
                switch method {
                case "POST": roles[index] = (family, .create)
                case "PUT": roles[index] = (family, .updateByBody(merge: false))
                case "PATCH": roles[index] = (family, .updateByBody(merge: true))
                default: break
                }
            }
        }
        self.families = families
        self.roles = roles
    }

    /// `petId` → `petId`, `id`, `pet_id`; `username` → `username`, `id`.
    static func idMembers(for parameter: String) -> [String] {
        var names = [parameter, "id"]
        if parameter.hasSuffix("Id") { names.append(String(parameter.dropLast(2)).lowercased() + "_id") }
        if parameter.hasSuffix("_id") { names.append(String(parameter.dropLast(3)) + "Id") }
        names.append("sid")
        return names
    }

    /// The id a body gives a resource of this family, as text.
    public static func id(in body: JSONValue, _ family: Family) -> String? {
        for name in family.idMembers {
            switch body[name] {
            case .string(let text)?: return text
            case .number(let number)?: return number.description
            default: continue
            }
        }
        return nil
    }
}
