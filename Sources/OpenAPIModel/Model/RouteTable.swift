import Foundation
import YAMLSource

/// The document's paths under a server prefix, matched against request paths: literal
/// segments beat templated ones, so `/pets/mine` wins over `/pets/{id}`. The mock serves by it
/// (leniently, as servers read paths); `verify` matches recorded requests by it (exactly).
public struct RouteTable: Sendable {
    /// One path key and the operations declared on it.
    public struct Route: Sendable {
        /// The path key as written.
        public var template: String
        /// The key in pieces.
        public var path: PathTemplate
        /// Operations by upper-case method: the index given for each.
        public var operations: [String: Int]
    }

    /// The server prefix's segments (`/developerprofile`), or none.
    public let prefix: [String]
    /// Every path key with its operations.
    public let routes: [Route]

    /// `operations`: each operation's index (what a match returns), path key and upper-case
    /// method. `serverURL`: the server whose path prefixes the paths; the document's first
    /// server when not given.
    public init(document: OpenAPIDocument, operations: [(entryIndex: Int, path: String, method: String)], serverURL: String? = nil) {
        let serverURL = serverURL ?? document.effectiveServers.first?.defaultURL ?? "/"
        prefix = PathTemplate.segments(ofRequestPath: Self.pathPart(of: serverURL)).filter { !$0.isEmpty }
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
    public static func pathPart(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }

    /// The route a request path names and its path parameter values; `nil` when none does.
    /// The path as written wins; then a path ending in `/` names a template whose last segment
    /// is one parameter, with that parameter empty (`/user/` is `/user/{username}` with no
    /// name); then the path with its trailing slash taken off or put on and its doubled slashes
    /// made single, as lenient servers read it.
    public func match(_ path: String) -> (route: Route, parameters: [String: String])? {
        guard let segments = segmentsBelowPrefix(path) else { return nil }
        if let exact = match(segments, emptyLastParameter: false) { return exact }
        if segments.count > 1, segments.last == "", let emptyLast = match(Array(segments.dropLast()), emptyLastParameter: true) {
            return emptyLast
        }
        let single = segments.filter { !$0.isEmpty }
        if let bare = match(single.isEmpty ? [""] : single, emptyLastParameter: false) { return bare }
        return single.isEmpty ? nil : match(single + [""], emptyLastParameter: false)
    }

    /// The route a request path names exactly as written (after the prefix), with its path
    /// parameter values: what a client that follows the document sends.
    public func matchExactly(_ path: String) -> (route: Route, parameters: [String: String])? {
        segmentsBelowPrefix(path).flatMap { match($0, emptyLastParameter: false) }
    }

    /// The path's decoded segments after the prefix, or `nil` when the path is not below it.
    private func segmentsBelowPrefix(_ path: String) -> [String]? {
        var segments = PathTemplate.segments(ofRequestPath: path)
        let prefixed = segments.filter { !$0.isEmpty }
        guard prefixed.count >= prefix.count, Array(prefixed.prefix(prefix.count)) == prefix else { return nil }
        // Drop the prefix's segments (and any empty ones among them) from the front.
        var dropped = 0
        while dropped < prefix.count, let first = segments.first {
            segments.removeFirst()
            if !first.isEmpty { dropped += 1 }
        }
        return segments.isEmpty ? [""] : segments
    }

    private func match(_ rest: [String], emptyLastParameter: Bool) -> (route: Route, parameters: [String: String])? {
        var best: (route: Route, parameters: [String: String], literals: Int)?
        for route in routes where route.path.segments.count == rest.count + (emptyLastParameter ? 1 : 0) {
            var parameters: [String: String] = [:]
            var segments = route.path.segments
            if emptyLastParameter {
                guard let last = segments.last, last.count == 1, case .parameter(let name) = last[0] else { continue }
                parameters[name] = ""
                segments.removeLast()
            }
            guard let values = PathTemplate(segments: segments).match(segments: rest) else { continue }
            parameters.merge(values) { $1 }
            let literals = route.path.literalCount
            if best.map({ literals > $0.literals }) ?? true {
                best = (route, parameters, literals)
            }
        }
        return best.map { ($0.route, $0.parameters) }
    }
}
