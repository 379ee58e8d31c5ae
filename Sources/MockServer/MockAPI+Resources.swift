import BusinessRules
import Logging
import OpenAPIModel
import SchemaValidation
import YAMLSource

/// Ordinary resources, kept: a create is read back, changed by PUT and PATCH, and gone after
/// DELETE (404 where the document says so, else an RFC 9457 problem).
extension MockAPI {
    func serveResource(
        _ handler: OperationHandler, family index: Int, role: ResourceFamilies.Role,
        request: JSONValue, pathValues: [String: String]
    ) async -> MockResponse {
        let family = resources.families[index]
        let template = handler.successKey.flatMap { handler.responses[$0] }
        /// The resource a request makes: the success body with the request's members in it,
        /// when the response schema still accepts that.
        func made(from base: JSONValue?, merging: Bool = true) -> JSONValue? {
            guard case .object(let sent) = request, let base = base ?? template?.body else { return nil }
            let start = merging ? base : (template?.body ?? base)
            let changed = sent.reduce(start) { body, member in body.setting(member.value, at: JSONPointer(tokens: [member.key])) }
            return template?.validator.map { $0.isValid(changed, direction: .response, formats: handler.inputs.formats) } ?? true ? changed : nil
        }
        // A path ending in a slash names the resource with an empty name: nothing, unless one
        // was created under that name.
        if pathValues[family.parameter]?.isEmpty == true, resourceStore.get(index, "") == nil {
            let description = "no resource at \(family.item) has an empty \(family.parameter)"
            return fail(handler, status: 404, code: "not_found", description: description, members: [family.parameter], asValidation: false)
        }
        switch role {
        case .create:
            let body = made(from: nil).map {
                freshID(in: $0, request: request, family: family, validator: template?.validator, formats: handler.inputs.formats)
            }
            var response = await succeed(handler, request: request, body: body)
            if (200..<300).contains(response.status), let stored = body ?? (try? JSONParser().parse(response.body)),
                let id = ResourceFamilies.id(in: stored, family) ?? ResourceFamilies.id(in: request, family)
            {
                logForgotten(resourceStore.put(index, id, stored))
                if body == nil { response.body = stored.jsonBytes }
            }
            return response
        case .read:
            guard let id = pathValues[family.parameter] else { break }
            if resourceStore.isDeleted(index, id) { return notFound(handler, family, id) }
            // What was stored answers only where this operation's schema describes it.
            let stored = resourceStore.get(index, id).flatMap { body in
                template?.validator.map { $0.isValid(body, direction: .response, formats: handler.inputs.formats) } ?? true ? body : nil
            }
            return await succeed(handler, request: request, body: stored)
        case .update(let merge), .updateByBody(let merge):
            let byBody: Bool = if case .updateByBody = role { true } else { false }
            guard let id = byBody ? ResourceFamilies.id(in: request, family) : pathValues[family.parameter] else { break }
            if resourceStore.isDeleted(index, id) { return notFound(handler, family, id) }
            let current = resourceStore.get(index, id)
            guard let changed = made(from: current, merging: merge) else { break }
            logForgotten(resourceStore.put(index, id, changed))
            return await succeed(handler, request: request, body: changed)
        case .delete:
            guard let id = pathValues[family.parameter] else { break }
            let deletion = resourceStore.delete(index, id)
            logForgotten(deletion.evicted)
            guard deletion.deleted else { return notFound(handler, family, id) }
        }
        return await succeed(handler, request: request)
    }

    /// An item outside every family (a template ending in a parameter) stays deleted too: once
    /// a DELETE there succeeds, GET, HEAD, PATCH and DELETE find nothing (404) until a PUT puts
    /// something there again. A path without one names no item: a DELETE there
    /// (`/registries` with the names in its body) leaves the URL as it was.
    func servePlainPath(_ handler: OperationHandler, method: String, path: String, request: JSONValue) async -> MockResponse {
        guard Self.namesItem(handler.entry.path) else { return await succeed(handler, request: request) }
        let family = ResourceStore.plainPaths
        if ["GET", "HEAD", "PATCH", "DELETE"].contains(method), resourceStore.isDeleted(family, path) {
            return fail(handler, status: 404, code: "not_found", description: "nothing at \(path): it was deleted", members: [], asValidation: false)
        }
        let response = await succeed(handler, request: request)
        if (200..<300).contains(response.status) {
            if method == "DELETE" { logForgotten(resourceStore.delete(family, path).evicted) }
            if method == "PUT" { resourceStore.undelete(family, path) }
        }
        return response
    }

    /// `/settings/{name}`, `/files/{id}.json`: the last segment with text holds a parameter.
    private static func namesItem(_ template: String) -> Bool {
        let segments = PathTemplate(template).segments
        guard let last = segments.last(where: { !$0.isEmpty }) else { return false }
        return last.contains { if case .parameter = $0 { true } else { false } }
    }

    /// The created resource with an id of its own where the request named none: the success
    /// body the mock answers with is the same for every create, and so would be its id. A
    /// number counts up; a string gets the count as a suffix (a UUID its last digits); an id
    /// the schema would refuse that way keeps the one it had.
    private func freshID(
        in body: JSONValue, request: JSONValue, family: ResourceFamilies.Family, validator: SchemaValidator?, formats: FormatReading
    ) -> JSONValue {
        guard let name = family.idMembers.first(where: { body[$0] != nil }), request[name] == nil else { return body }
        let count = resourceStore.nextCount()
        let fresh: JSONValue
        switch body[name] {
        case .number?:
            fresh = .number(JSONNumber(count))
        case .string(let text)? where TextFormats.isUUID(text):
            let digits = String(count, radix: 16)
            fresh = .string(String(text.dropLast(min(digits.count, 12))) + digits)
        case .string(let text)?:
            // `pet-3`, or where a pattern or length forbids a suffix (Twilio's `SM` and 32 hex
            // digits) the count in place of the last characters.
            let digits = String(count)
            let candidates = ["\(text)-\(count)", String(text.dropLast(min(digits.count, text.count))) + digits]
            return candidates.lazy.map { body.setting(.string($0), at: JSONPointer(tokens: [name])) }
                .first { changed in validator.map { $0.isValid(changed, direction: .response, formats: formats) } ?? true } ?? body
        default:
            return body
        }
        let changed = body.setting(fresh, at: JSONPointer(tokens: [name]))
        return validator.map { $0.isValid(changed, direction: .response, formats: formats) } ?? true ? changed : body
    }

    /// Warns of each resource forgotten to stay within `--max-resources`.
    private func logForgotten(_ keys: [ResourceStore.Key]) {
        for key in keys {
            let name = key.family == ResourceStore.plainPaths ? "the deletion of" : resources.families[key.family].item
            logger.warning("forgot the resource untouched longest, \(name) \(key.id), to stay within --max-resources \(resourceStore.capacity)")
        }
    }

    private func notFound(_ handler: OperationHandler, _ family: ResourceFamilies.Family, _ id: String) -> MockResponse {
        let description = "no resource at \(family.item) with \(family.parameter) \(id): it was deleted"
        return fail(handler, status: 404, code: "not_found", description: description, members: [family.parameter], asValidation: false)
    }
}
