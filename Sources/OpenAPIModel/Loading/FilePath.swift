/// Path arithmetic for `$ref`s between files: relative to the referring file, `.` and `..`
/// folded, so each file has one name and is loaded once.
enum FilePath {
    /// The folder part of a path, empty for a bare file name.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path == "/" ? "/" : String(path[..<slash]) + (slash == path.startIndex ? "/" : "")
    }

    /// `relative` resolved against the folder of `file`, normalized.
    static func resolve(_ relative: String, againstFileAt file: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        let folder = directory(of: file)
        return normalize(folder.isEmpty ? relative : folder + "/" + relative)
    }

    /// Folds `.` and `..` and repeated slashes; keeps leading `..` of relative paths.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
