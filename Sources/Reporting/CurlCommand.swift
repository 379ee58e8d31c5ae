import Execution
import OpenAPIModel

/// A shell command that sends the same request again, for QA to reproduce a failure: the
/// token is referenced by its environment variable, never written out.
public enum CurlCommand {
    public static func make(_ request: Exchange.Request, tokenVariable: String) -> String {
        var parts = ["curl", "-sS", "-i", "-X", request.method, quote(request.url)]
        for (name, value) in request.headers {
            if name.lowercased() == "authorization", value == Exchange.redactedCredentials {
                parts += ["-H", "\"Authorization: Bearer $\(tokenVariable)\""]
            } else {
                parts += ["-H", quote("\(name): \(value)")]
            }
        }
        if let body = request.body {
            parts += ["--data-binary", quote(String(decoding: body, as: UTF8.self))]
        }
        return parts.joined(separator: " ")
    }

    /// POSIX single quotes; a quote inside becomes `'\''`.
    static func quote(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}
