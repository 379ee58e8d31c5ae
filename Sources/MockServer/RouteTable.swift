import Foundation
import OpenAPIModel
import YAMLSource

/// The document's paths under the server prefix, matched against request paths: literal
/// segments beat templated ones, so `/pets/mine` wins over `/pets/{id}`.
struct RouteTable: Sendable {
    struct Route: Sendable {
        var template: String
        var path: PathTemplate
        /// Operations by upper-case method.
        var operations: [String: Int]
    }

    /// The path prefix of the first server URL (`/developerprofile`), or empty.
    let prefix: [String]
    let routes: [Route]

    init(document: OpenAPIDocument, operations: [(entryIndex: Int, path: String, method: String)]) {
        let serverURL = document.effectiveServers.first?.defaultURL ?? "/"
        prefix = Self.segments(of: Self.pathPart(of: serverURL))
        var routes: [String: Route] = [:]
        var order: [String] = []
        for (index, path, method) in operations {
            if routes[path] == nil {
                order.append(path)
                routes[path] = Route(template: path, path: PathTemplate(path), operations: [:])
            }
            routes[path]!.operations[method] = index
        }
        self.routes = order.compactMap { routes[$0] }
    }

    /// `https://host/base/` → `/base/`; a relative server URL is its own path.
    static func pathPart(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }

    static func segments(of path: String) -> [String] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { PercentEncoding.decodeLeniently(Substring($0)) }
    }

    /// The route a request path names and its path parameter values; `nil` when none does.
    /// A path ending in `/` names a template whose last segment is one parameter, with that
    /// parameter empty (`/user/` is `/user/{username}` with no name, not `/user`), when one
    /// exists; else the path without its slash.
    func match(_ path: String) -> (route: Route, parameters: [String: String])? {
        let segments = Self.segments(of: path)
        guard segments.count >= prefix.count, Array(segments.prefix(prefix.count)) == prefix else { return nil }
        let rest = Array(segments.dropFirst(prefix.count))
        if path.hasSuffix("/"), !rest.isEmpty, let emptyLast = match(rest, emptyLastParameter: true) {
            return emptyLast
        }
        return match(rest, emptyLastParameter: false)
    }

    private func match(_ rest: [String], emptyLastParameter: Bool) -> (route: Route, parameters: [String: String])? {
        var best: (route: Route, parameters: [String: String], literals: Int)?
        for route in routes where route.path.segments.count == rest.count + (emptyLastParameter ? 1 : 0) {
            var parameters: [String: String] = [:]
            var matches = true
            var segments = route.path.segments
            if emptyLastParameter {
                guard let last = segments.last, last.count == 1, case .parameter(let name) = last[0] else { continue }
                parameters[name] = ""
                segments.removeLast()
            }
            for (pieces, value) in zip(segments, rest) {
                guard let values = PathTemplate.match(pieces, value[...]) else {
                    matches = false
                    break
                }
                parameters.merge(values) { $1 }
            }
            let literals = route.path.literalCount
            if matches, best.map({ literals > $0.literals }) ?? true {
                best = (route, parameters, literals)
            }
        }
        return best.map { ($0.route, $0.parameters) }
    }
}
