/// `http://` and `https://` addresses: telling them from file paths, and resolving a
/// reference written inside a remote document against its address (RFC 3986, section 5.2).
public enum RemoteAddress {
    /// Whether `text` is an `http://` or `https://` address (scheme in any case).
    public static func isRemote(_ text: some StringProtocol) -> Bool {
        let lowered = text.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// `scheme://authority` and the path (without query) of an absolute address.
    private static func split(_ url: String) -> (origin: Substring, path: Substring) {
        let colon = url.firstIndex(of: ":") ?? url.startIndex
        let afterScheme = url[colon...].dropFirst().drop { $0 == "/" }.startIndex
        let pathStart = url[afterScheme...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? url.endIndex
        let path = url[pathStart...].prefix { $0 != "?" }
        return (url[..<pathStart], path)
    }

    /// `https://host:port` of an absolute address: what one connection reaches.
    public static func origin(of url: String) -> String {
        String(split(url).origin)
    }

    /// `relative` (a path, `/path`, `//host/path` or a whole address) against `base`.
    static func resolve(_ relative: String, against base: String) -> String {
        if isRemote(relative) { return relative }
        let (origin, basePath) = split(base)
        if relative.hasPrefix("//") {
            let scheme = base.prefix { $0 != ":" }
            return scheme + ":" + relative
        }
        let query = relative.firstIndex(of: "?").map { String(relative[$0...]) } ?? ""
        let path = relative.prefix { $0 != "?" }
        let merged: String
        if path.isEmpty {
            merged = String(basePath.isEmpty ? "/" : basePath)
        } else if path.hasPrefix("/") {
            merged = String(path)
        } else {
            let folder = basePath.lastIndex(of: "/").map { basePath[...$0] } ?? "/"
            merged = String(folder + path)
        }
        // Dot segments fold as in file paths; a trailing slash stays.
        var folded = FilePath.normalize(merged)
        if folded == "." { folded = "/" }
        if merged.hasSuffix("/") || merged.hasSuffix("/.") || merged.hasSuffix("/.."), !folded.hasSuffix("/") { folded += "/" }
        return origin + folded + query
    }
}
