import Execution
import FoundationEssentials
import OpenAPIModel

/// A shell command that sends the same request again, for QA to reproduce a failure: every
/// secret is referenced by its environment variable (`$PARTNER_API_TOKEN`), never written out.
public enum CurlCommand {
    /// - Parameter tokenVariable: the variable named for secrets that came from no variable of
    ///   their own (a token command's, say).
    public static func make(_ request: Exchange.Request, tokenVariable: String) -> String {
        let inURL = request.secrets.filter { $0.header == nil }.map { $0.variable ?? tokenVariable }
        var parts = ["curl", "-sS", "-i", "-X", request.method, substituted(request.url, inURL)]
        for (name, value) in request.headers where !curlSets.contains(name.lowercased()) {
            let uses = request.secrets.filter { $0.header?.lowercased() == name.lowercased() }
            let variables = uses.map { $0.variable ?? tokenVariable }
            if uses.isEmpty {
                parts += ["-H", quote("\(name): \(value)")]
            } else if let user = uses.first?.basicUser {
                parts += ["-u", substituted("\(user):\(Exchange.redaction)", variables)]
            } else {
                parts += ["-H", substituted("\(name): \(value)", variables)]
            }
        }
        if let body = request.body {
            parts += ["--data-binary", quote(String(decoding: body, as: UTF8.self))]
        }
        return parts.joined(separator: " ")
    }

    /// Fields curl writes itself from the URL, the body and the connection: a recorded value
    /// (a proxy's `Host`, the body's old `Content-Length`) would contradict what curl sends.
    static let curlSets: Set<String> = ["host", "content-length", "connection", "transfer-encoding", "keep-alive", "upgrade", "te"]

    /// The text with each `[REDACTED]` in turn replaced by a reference to a variable: one
    /// double-quoted word when nothing else in it is special there, else single-quoted pieces
    /// around double-quoted references.
    static func substituted(_ text: String, _ variables: [String]) -> String {
        let pieces = text.components(separatedBy: Exchange.redaction)
        guard pieces.count > 1, !variables.isEmpty else { return quote(text) }
        func reference(_ index: Int, before next: String) -> String {
            let name = variables[min(index, variables.count - 1)]
            let joins = next.first.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false
            return joins ? "${\(name)}" : "$\(name)"
        }
        if !pieces.contains(where: { $0.contains { "$`\"\\!".contains($0) } }) {
            var word = pieces[0]
            for (index, piece) in pieces.dropFirst().enumerated() { word += reference(index, before: piece) + piece }
            return "\"" + word + "\""
        }
        var word = pieces[0].isEmpty ? "" : quote(pieces[0])
        for (index, piece) in pieces.dropFirst().enumerated() {
            word += "\"" + reference(index, before: "") + "\"" + (piece.isEmpty ? "" : quote(piece))
        }
        return word
    }

    /// POSIX single quotes; a quote inside becomes `'\''`.
    public static func quote(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}
