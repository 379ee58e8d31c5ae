import Execution
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The validating proxy served over HTTP by Hummingbird, as a service-lifecycle `Service`.
public enum ProxyServer {
    /// The application in front of `proxy`; `onRunning` learns the port it listens on.
    public static func application(
        _ proxy: ValidatingProxy, host: String, port: Int, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: ProxyResponder(proxy: proxy),
            server: .http1(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// Carries Hummingbird requests to the proxy and its answers back.
struct ProxyResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let proxy: ValidatingProxy

    func respond(to request: Request, context: Context) async throws -> Response {
        let body = try await request.body.collect(upTo: ValidatingProxy.maxBodyBytes)
        let answer = await proxy.forward(
            ValidatingProxy.Incoming(
                method: request.method.rawValue, target: request.uri.description,
                headers: request.headers.map { ($0.name.rawName, $0.value) }, body: Array(body.readableBytesView)))
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
