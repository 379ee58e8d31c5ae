import Foundation
import Testing

@testable import Execution

/// `--token-command`: a shell command that prints the token, run through swift-subprocess.
@Suite("The token command")
struct TokenSourceTests {
    @Test("a command that writes 256 KiB to stderr before its token does not stall")
    func noisyStderr() async throws {
        let source = TokenSource.command(#"head -c 262144 /dev/zero | tr '\0' x >&2; echo tok-123"#)
        #expect(try await source.token() == "tok-123")
    }

    @Test(
        "a command that fails says why",
        arguments: [
            ("echo 'no credentials in the keychain' >&2; exit 3", "the token command exited with 3: no credentials in the keychain"),
            ("true", "the token command printed nothing"),
            ("echo 'expired' >&2", "the token command printed nothing: expired"),
            (#"head -c 100000 /dev/zero | tr '\0' a"#, "the token command printed more than 64 KiB: expected one token"),
            ("kill -TERM $$", "the token command was stopped by signal 15"),
        ])
    func failure(command: String, message: String) async {
        await #expect(throws: TokenSource.Failure(description: message)) {
            try await TokenSource.command(command).token()
        }
    }

    @Test("requests that get 401 at once share one new token: the command runs once more, not once each")
    func oneRefresh() async throws {
        let counter = FileManager.default.temporaryDirectory.appendingPathComponent("token-runs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: counter) }
        let source = TokenSource.command("echo run >> '\(counter)'; echo tok-$(wc -l < '\(counter)')")
        let first = try await source.current()
        #expect(first.token == "tok-1")
        let answers = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 { group.addTask { await source.refresh(after: first.generation) } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: true, count: 20))
        #expect(try await source.token() == "tok-2")
        // The one refresh of the run is spent: a later 401 is not retried.
        #expect(await source.refresh(after: 1) == false)
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "run\nrun\n")
    }
}
