import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import TLSFiles
import YAMLSource

/// The mock served over HTTP by Hummingbird: an application that is a service-lifecycle
/// `Service`, so it shuts down cleanly on SIGINT/SIGTERM or at the end of a test.
public enum MockServer {
    /// The application serving `api`; `onRunning` learns the port it listens on (useful with
    /// port 0, an ephemeral port).
    public static func application(
        _ api: MockAPI, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        var server = HTTPServerBuilder.http1()
        if let tls = api.configuration.tls {
            let configuration: TLSConfiguration
            do throws(PEMFiles.Problem) {
                let chain = try PEMFiles.certificates(tls.certificateChain, role: "TLS certificate").map { NIOSSLCertificateSource.certificate($0) }
                let key = try PEMFiles.privateKey(tls.privateKey, role: "TLS key")
                configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            } catch {
                throw StartFailure(description: "cannot serve HTTPS: \(error)")
            }
            do {
                server = try HTTPServerBuilder.tls(HTTPServerBuilder.http1(), tlsConfiguration: configuration)
            } catch {
                throw StartFailure(
                    description:
                        "cannot serve HTTPS: \(tls.certificateChain) and \(tls.privateKey) must be a certificate chain and its private key (\(error))"
                )
            }
        }
        return Application(
            responder: MockResponder(api: api),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(api.configuration.host, port: api.configuration.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? api.configuration.port) },
            logger: api.logger)
    }

    /// Why the in-process server could not start.
    public struct StartFailure: Error, CustomStringConvertible {
        /// Why it could not start, in words.
        public var description: String
    }

    /// Runs the mock in-process for the length of `body`, which gets the port it listens on;
    /// the server is shut down gracefully before this returns, whatever `body` does.
    public static func withRunning<Result: Sendable>(
        _ api: MockAPI, _ body: @Sendable (Int) async throws -> Result
    ) async throws -> Result {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = ServiceGroup(
            services: [try application(api) { continuation.yield($0) }],
            gracefulShutdownSignals: [], cancellationSignals: [], logger: api.logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw StartFailure(description: "the mock server stopped before it listened on \(api.configuration.host):\(api.configuration.port)")
            }
            do {
                let result = try await body(port)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// Carries Hummingbird requests to the `MockAPI` and its answers back.
struct MockResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let api: MockAPI

    func respond(to request: Request, context: Context) async throws -> Response {
        var body: [UInt8]?
        do {
            let buffer = try await request.body.collect(upTo: api.configuration.maxBodyBytes)
            body = Array(buffer.readableBytesView)
        } catch {
            body = nil  // larger than the cap
        }
        let answer = await api.respond(
            to: MockRequest(
                method: request.method.rawValue,
                target: request.uri.description,
                headers: request.headers.map { ($0.name.rawName, $0.value) },
                body: body))
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
