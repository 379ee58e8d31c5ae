import CaseGeneration
import Checks
import ContractRun
import Execution
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Reporting
import Synchronization
import Testing

/// A server that wants a token its document does not declare (jupyter_server's Swagger 2.0
/// document declares no scheme; the server wants `Authorization: token ...`): `-H` carries it,
/// read from a variable and redacted, on every request; where a scheme sends `Authorization`
/// the header is refused so auth cases can leave it out.
@Suite("Credentials the document does not declare")
struct UndeclaredCredentialsTests {
    static let document = """
        openapi: 3.0.3
        info: {title: Notebooks, version: "1"}
        paths:
          /api/status:
            get:
              operationId: status
              responses:
                '200':
                  description: the server's status
                  content:
                    application/json:
                      schema: {type: object, required: [started], properties: {started: {type: string}}}
        """

    static func specFile(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("undeclared-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/spec.yaml", atomically: true, encoding: .utf8)
        return folder + "/spec.yaml"
    }

    @Test("-H 'Authorization: token ${VAR}' goes on every request, redacted, and the run says no case tests its absence")
    func sentOnEveryRequest() async throws {
        let spec = try Self.specFile(Self.document)
        defer { try? FileManager.default.removeItem(atPath: (spec as NSString).deletingLastPathComponent) }
        let seen = Mutex<[String?]>([])
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let authorization = request.headers[.authorization]
            seen.withLock { $0.append(authorization) }
            guard authorization == "token s3cret-77" else { return Response(status: .unauthorized) }
            guard request.method == .get else { return Response(status: .methodNotAllowed, headers: [.allow: "GET"]) }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"started": "today"}"#)))
        }
        let app = Application(responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let events = Mutex<[String]>([])
        try await app.test(.live) { client in
            var request = RunRequest(
                contract: ContractSource(spec: spec), target: .baseURL("http://127.0.0.1:\(client.port!)"),
                headers: [try ExtraHeader(parsing: "Authorization: token ${NOTEBOOK_TOKEN}")], environment: ["NOTEBOOK_TOKEN": "s3cret-77"])
            request.runTag = "u1"
            let summary = try await ContractRunner { event in
                if case .undeclaredCredentials(let header) = event { events.withLock { $0.append(header) } }
            }.run(request)
            #expect(
                summary.verdict == .passed, "\(summary.results.filter { $0.isFailure || $0.isError }.map { "\($0.testCase.name): \($0.outcome)" })")
            let shown = summary.results.flatMap(\.exchanges).map { $0.request.header("Authorization") }
            #expect(!shown.isEmpty && shown.allSatisfy { $0 == "token [REDACTED]" })
        }
        #expect(events.withLock { $0 } == ["Authorization"])
        let sent = seen.withLock { $0 }
        #expect(!sent.isEmpty && sent.allSatisfy { $0 == "token s3cret-77" }, "\(sent)")
    }

    @Test("where a scheme sends Authorization, -H Authorization is refused, so auth cases can leave it out")
    func refusals() async throws {
        let spec = try Self.specFile(
            Self.document + "\ncomponents: {securitySchemes: {tokenAuth: {type: http, scheme: bearer}}}\nsecurity: [{tokenAuth: []}]\n")
        defer { try? FileManager.default.removeItem(atPath: (spec as NSString).deletingLastPathComponent) }
        let request = RunRequest(
            contract: ContractSource(spec: spec), target: .baseURL("http://127.0.0.1:9"),
            headers: [try ExtraHeader(parsing: "Authorization: token ${NOTEBOOK_TOKEN}")], environment: ["NOTEBOOK_TOKEN": "x"])
        do {
            _ = try await ContractRunner().run(request)
            Issue.record("no error")
        } catch {
            #expect(
                error.description
                    == "error: header Authorization carries the security scheme 'tokenAuth' of \(spec): give its secret with --credential tokenAuth=ENV_VAR, so that auth cases can leave it out"
            )
        }
    }
}
