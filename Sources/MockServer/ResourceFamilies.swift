import OpenAPIModel
import SchemaValidation

/// Ordinary resources the document describes by its path shapes: a collection path
/// (`/store/order`) whose POST creates, and an item path below it with one parameter
/// (`/store/order/{orderId}`) whose GET reads, PUT and PATCH change and DELETE removes.
struct ResourceFamilies: Sendable {
    struct Family: Sendable {
        var collection: String
        var item: String
        /// The item path's parameter: the resource's id.
        var parameter: String
        /// Body members that may hold the id, most likely first.
        var idMembers: [String]
    }

    /// What an operation does to its family's resources.
    enum Role: Sendable {
        case create
        case read
        /// `merge`: PATCH changes the members sent; PUT replaces the resource.
        case update(merge: Bool)
        case delete
        /// PUT or PATCH on the collection, naming the resource by an id in the body.
        case updateByBody(merge: Bool)
    }

    let families: [Family]
    /// By operation index: its family and role.
    let roles: [Int: (family: Int, role: Role)]

    init(document: OpenAPIDocument, operations: [(entryIndex: Int, path: String, method: String)]) {
        var families: [Family] = []
        for (path, _) in document.paths {
            let template = PathTemplate(path)
            guard let last = template.segments.last, last.count == 1, case .parameter(let name) = last[0] else { continue }
            let collection = "/" + path.split(separator: "/").dropLast().joined(separator: "/")
            guard document.paths[collection]?.operations["POST"] != nil else { continue }
            families.append(Family(collection: collection, item: path, parameter: name, idMembers: Self.idMembers(for: name)))
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
    static func id(in body: JSONValue, _ family: Family) -> String? {
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
