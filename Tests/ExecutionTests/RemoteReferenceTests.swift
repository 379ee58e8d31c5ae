import Execution
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import OpenAPIModel
import OrderedCollections
import Synchronization
import TestSupport
import Testing
import YAMLSource

/// Remote `$ref`s: fetched over real HTTP from a loopback server, read with their positions,
/// cached on disk, revalidated, and read from the cache when the server cannot answer.
@Suite("Remote references")
struct RemoteReferenceTests {
    /// A server of documents by path, each with an ETag; it can be told to answer 503.
    final class DocumentServer: Sendable {
        let documents: [String: String]
        let down = Atomic(false)
        let fetched = Mutex<[String]>([])
        let notModified = Atomic(0)

        init(_ documents: [String: String]) {
            self.documents = documents
        }
    }

    static let pet = """
        Pet:
          type: object
          required: [id, name]
          properties:
            id: {$ref: 'common/ids.yaml#/Id'}
            name: {type: string}
        """

    static let ids = """
        Id:
          type: integer
          minimum: 1
        """

    static func withServer(_ documents: [String: String], _ body: @escaping @Sendable (String, DocumentServer) async throws -> Void) async throws {
        let server = DocumentServer(documents)
        let router = Router()
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            server.fetched.withLock { $0.append(path) }
            if server.down.load(ordering: .acquiring) { return Response(status: .serviceUnavailable) }
            guard let text = server.documents[path] else { return Response(status: .notFound) }
            let etag = "\"\(text.utf8.count)\""
            if request.headers[.ifNoneMatch] == etag {
                server.notModified.add(1, ordering: .acquiringAndReleasing)
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml", .eTag: etag],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)", server) }
    }

    /// The entry document, on disk, naming the served ones.
    static func mainDocument(base: String, in folder: String) throws -> String {
        let path = folder + "/main.yaml"
        try """
        openapi: 3.0.3
        info: {title: Pets, version: '1'}
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '\(base)/schemas/pet.yaml#/Pet'}
          /owners:
            get:
              operationId: listOwners
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '\(base)/schemas/owner.yaml#/Owner'}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "remote-refs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The digest by coreutils, not by the code under test.
    static func sha256sum(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(printed.prefix { $0 != " " })
    }

    /// Loads on a thread of its own: fetching blocks, and the server answering runs on the
    /// few threads tasks share.
    static func load(_ loader: OpenAPILoader, _ path: String) async -> LoadResult {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: loader.load(file: path)) }.start()
        }
    }

    static func loader(cache: String) -> OpenAPILoader {
        var loader = OpenAPILoader()
        loader.remoteDocuments = RemoteDocumentCache(directory: cache, timeout: .seconds(5))
        return loader
    }

    @Test("a remote document and the one it names relative to itself are read, with their own positions; an unreachable one skips only its operation")
    func fetched() async throws {
        try await Self.withServer(["/schemas/pet.yaml": Self.pet, "/schemas/common/ids.yaml": Self.ids]) { base, server in
            let folder = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let main = try Self.mainDocument(base: base, in: folder)
            let loaded = await Self.load(Self.loader(cache: folder + "/cache"), main)
            #expect(
                loaded.diagnostics.map(\.description) == [
                    "\(main):21:30: error: cannot resolve '$ref: \(base)/schemas/owner.yaml#/Owner': '\(base)/schemas/owner.yaml' answered 404 Not Found: expected 200 and the document (at #/paths/~1owners/get/responses/200/content/application~1json/schema/$ref)"
                ])
            #expect(loaded.errorReaches().map(\.reach) == [.operations(["listOwners"])])
            let pet = try #require(loaded.sourceMap.files["\(base)/schemas/pet.yaml"])
            #expect(pet.remote?.origin == .fetched)
            #expect(pet.remote?.sha256 == (try Self.sha256sum(Self.pet)))
            let id = try #require(loaded.sourceMap.resolve("common/ids.yaml#/Id", from: "\(base)/schemas/pet.yaml"))
            #expect(id.location.mark.description == "\(base)/schemas/common/ids.yaml:2:3")
            #expect(server.fetched.withLock { $0 }.sorted() == ["/schemas/common/ids.yaml", "/schemas/owner.yaml", "/schemas/pet.yaml"])
        }
    }

    @Test("a second load asks whether its copy is current (a 304 reads it), and when the server cannot answer reads the copy with a warning")
    func cached() async throws {
        try await Self.withServer([
            "/schemas/pet.yaml": Self.pet, "/schemas/common/ids.yaml": Self.ids,
            "/schemas/owner.yaml": Self.pet.replacingOccurrences(of: "Pet:", with: "Owner:"),
        ]) { base, server in
            let folder = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let main = try Self.mainDocument(base: base, in: folder)
            let loader = Self.loader(cache: folder + "/cache")
            #expect(await Self.load(loader, main).diagnostics.isEmpty)
            let again = await Self.load(loader, main)
            #expect(again.diagnostics.isEmpty)
            #expect(server.notModified.load(ordering: .acquiring) == 3)
            #expect(again.sourceMap.files["\(base)/schemas/pet.yaml"]?.remote?.origin == .unchanged)
            server.down.store(true, ordering: .releasing)
            let offline = await Self.load(loader, main)
            let reading = try #require(offline.sourceMap.files["\(base)/schemas/pet.yaml"]?.remote)
            guard case .cachedAfterFailure(_, let fetchedAt) = reading.origin else {
                Issue.record("expected the cached copy, got \(reading.origin)")
                return
            }
            let digest = String(try Self.sha256sum(Self.pet).prefix(12))
            #expect(
                offline.diagnostics.map(\.description).first
                    == "\(main):12:30: warning: '\(base)/schemas/pet.yaml' answered 503 Service Unavailable: expected 200 and the document; read the copy of it cached at \(fetchedAt) (sha256 \(digest)) (at #/paths/~1pets/get/responses/200/content/application~1json/schema/$ref)"
            )
            #expect(!offline.hasErrors)
            #expect(offline.document?.operations.count == 2)
        }
    }

    @Test("without fetching, or with the server gone and nothing cached, each remote reference is an error where it is written")
    func notFetched() async throws {
        let folder = try Self.temporaryFolder()
        let closed = try RefusingPort()
        defer {
            closed.close()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let base = closed.url
        let main = try Self.mainDocument(base: base, in: folder)
        let off = await Self.load(OpenAPILoader(), main)
        #expect(
            off.diagnostics.map(\.message) == [
                "cannot resolve '$ref: \(base)/schemas/pet.yaml#/Pet': '\(base)/schemas/pet.yaml' is not fetched: remote references are off (--no-remote-refs)",
                "cannot resolve '$ref: \(base)/schemas/owner.yaml#/Owner': '\(base)/schemas/owner.yaml' is not fetched: remote references are off (--no-remote-refs)",
            ])
        let gone = await Self.load(Self.loader(cache: folder + "/cache"), main)
        // The host is asked once: the second document is refused naming the first.
        #expect(gone.diagnostics.count == 2)
        #expect(
            gone.diagnostics.first?.message.hasPrefix("cannot resolve '$ref: \(base)/schemas/pet.yaml#/Pet': cannot reach \(base)/schemas/pet.yaml")
                == true)
        #expect(
            gone.diagnostics.last?.message
                == "cannot resolve '$ref: \(base)/schemas/owner.yaml#/Owner': '\(base)/schemas/owner.yaml' is not fetched: '\(base)/schemas/pet.yaml' could not be reached earlier in this load, so \(base) is not asked again"
        )
        #expect(gone.errorReaches().map(\.reach) == [.operations(["listPets"]), .operations(["listOwners"])])
    }
}
