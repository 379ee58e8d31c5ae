import AsyncHTTPClient
import CaseGeneration
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Execution

@Suite("Extra headers (-H) and texts that read variables")
struct ExtraHeaderTests {
    @Test(
        "${NAME} reads a variable, $${ writes ${, anything else is text",
        arguments: [
            ("plain", ["plain"], "plain"),
            ("${A}", ["$A"], "[REDACTED]"),
            ("pre-${A_1}-${b}!", ["pre-", "$A_1", "-", "$b", "!"], "pre-[REDACTED]-[REDACTED]!"),
            ("cost $5, $${HOME}", ["cost $5, ${HOME}"], "cost $5, ${HOME}"),
            ("$", ["$"], "$"),
        ])
    func variableText(text: String, pieces: [String], shown: String) throws {
        let parsed = try VariableText(parsing: text)
        #expect(
            parsed.pieces.map { piece in
                switch piece {
                case .literal(let text): text
                case .variable(let name): "$" + name
                }
            } == pieces)
        #expect(parsed.shown == shown)
        #expect(try VariableText(parsing: parsed.description) == parsed, "reads back as written")
    }

    @Test(
        "a text that names no variable is refused where it goes wrong",
        arguments: [
            ("a ${B", 2, "'${' is not closed: expected ${NAME} (write $${ for a literal ${)"),
            ("${1A}", 0, "'${1A}' does not name an environment variable: expected letters, digits and _, not starting with a digit"),
            ("x${}", 1, "'${}' does not name an environment variable: expected letters, digits and _, not starting with a digit"),
            ("${A-B}", 0, "'${A-B}' does not name an environment variable: expected letters, digits and _, not starting with a digit"),
        ])
    func badVariableText(text: String, offset: Int, words: String) {
        #expect(throws: VariableText.ParseError(offset: offset, description: words)) { try VariableText(parsing: text) }
    }

    @Test("variables resolve from the environment; an unset or empty one is named")
    func resolution() throws {
        let text = try VariableText(parsing: "id-${A}-${B}")
        #expect(try text.resolved(in: ["A": "1", "B": "2"]) == "id-1-2")
        #expect(throws: VariableText.UnsetVariable(name: "B")) { try text.resolved(in: ["A": "1", "B": ""]) }
    }

    @Test(
        "'Name: value' is read; what cannot be sent is refused in words",
        arguments: [
            ("X-Partner-Id 42", "expected 'Name: value', found no ':' in 'X-Partner-Id 42'"),
            ("X Partner: 42", "'X Partner' is not a header name: expected letters, digits and !#$%&'*+-.^_`|~ only"),
            (": 42", "'' is not a header name: expected letters, digits and !#$%&'*+-.^_`|~ only"),
            (
                "Authorization: Bearer x",
                "header Authorization carries credentials: give its value from a variable (-H 'Authorization: token ${NAME}') so it is never shown, logged or stored"
            ),
            ("content-type: text/plain", "header content-type cannot be added to every request: each case sends the media type it tests"),
            ("X-Key: ${KEY", "header X-Key: '${' is not closed: expected ${NAME} (write $${ for a literal ${)"),
        ])
    func badHeaders(line: String, words: String) {
        #expect(throws: ExtraHeader.Problem(description: words)) { try ExtraHeader(parsing: line) }
    }

    @Test("a variable whose value has a line break is refused, not sent")
    func lineBreakInVariable() throws {
        let header = try ExtraHeader(parsing: "X-Key:  ${KEY} ")
        #expect(header.value == (try VariableText(parsing: "${KEY}")))
        #expect(throws: ExtraHeader.Problem(description: "header X-Key: the value of ${KEY} has a line break or NUL, which no header value may hold"))
        {
            try header.resolved(in: ["KEY": "a\r\nInjected: yes"])
        }
        #expect(throws: ExtraHeader.Problem(description: "header X-Key reads ${KEY}, which is not set")) { try header.resolved(in: [:]) }
    }

    @Test("an operation's own header replaces the run's of the same name")
    func perOperation() {
        let run = ExtraHeader.Resolved(name: "X-Tenant", sent: "a", shown: "a", variables: [])
        let other = ExtraHeader.Resolved(name: "X-Trace", sent: "t", shown: "t", variables: [])
        let own = ExtraHeader.Resolved(name: "x-tenant", sent: "b", shown: "b", variables: [])
        let headers = ExtraHeaders(all: [run, other], byOperation: ["create": [own]])
        #expect(headers.headers(for: "create") == [other, own])
        #expect(headers.headers(for: "list") == [run, other])
        #expect(headers.headers(for: nil) == [run, other])
    }

    @Test("extra headers are sent, shown redacted where they read a variable, and never replace the case's own")
    func sent() async throws {
        let router = Router()
        router.post("/api/echo") { request, _ -> String in
            ["X-Partner-Id", "X-Env", "X-Case"].map { name in
                request.headers[values: .init(name)!].joined(separator: "+")
            }.joined(separator: "|")
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = client.port!
            let headers = try [
                ExtraHeader(parsing: "X-Partner-Id: p-${PARTNER_ID}"), ExtraHeader(parsing: "X-Env: sandbox"),
                ExtraHeader(parsing: "X-Case: extra"),
            ]
            let resolved = try headers.map { try $0.resolved(in: ["PARTNER_ID": "s3cr3t"]) }
            let exchange = try await HTTPClient.withHTTPClient { http in
                let executor = Executor(
                    client: http, target: Target(baseURL: "http://127.0.0.1:\(port)/api", name: "test"),
                    secrets: Secrets(fallback: .fixed(nil)), options: .init(extraHeaders: ExtraHeaders(all: resolved)))
                return await executor.send(RequestSpec(method: "POST", path: "/echo", headers: [HeaderItem(name: "X-Case", value: "own")]))
            }
            #expect(String(decoding: exchange.response?.body ?? [], as: UTF8.self) == "p-s3cr3t|sandbox|own")
            #expect(exchange.request.headers.map { "\($0.name): \($0.value)" } == ["X-Case: own", "X-Partner-Id: p-[REDACTED]", "X-Env: sandbox"])
            #expect(exchange.request.secrets == [RedactedSecret(header: "X-Partner-Id", variable: "PARTNER_ID")])
        }
    }
}
