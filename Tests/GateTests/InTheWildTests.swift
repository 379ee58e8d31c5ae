import CaseGeneration
import Checks
import Execution
import Foundation
import OpenAPIModel
import Synchronization
import Testing
import YAMLSource

/// The gate against a server that behaves as real frameworks do (FastAPI here): paths served
/// exactly as written (`/flows` redirects to `/flows/`), names unique (409), parents that must
/// exist (404), ids that must look real (422), and `GET /things/filter` answered by
/// `GET /things/{thing_id}`. The document is true to the server: every problem the gate reports
/// would be a false alarm.
@Suite("The gate against a server as real frameworks write them")
struct InTheWildTests {
    static let document = """
        openapi: 3.0.3
        info: {title: Flows, version: "1"}
        paths:
          /flows/:
            get:
              operationId: listFlows
              responses:
                "200":
                  description: the flows
                  content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Flow'}}}}
            post:
              operationId: createFlow
              requestBody:
                required: true
                content: {application/json: {schema: {$ref: '#/components/schemas/NewFlow'}}}
              responses:
                "201":
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Flow'}}}
                "409": {description: the name is taken}
                "422": {description: not a flow}
          /flows/{flow_id}:
            parameters:
              - {name: flow_id, in: path, required: true, schema: {type: integer}, example: 1}
            get:
              operationId: readFlow
              responses:
                "200":
                  description: the flow
                  content: {application/json: {schema: {$ref: '#/components/schemas/Flow'}}}
                "404": {description: no such flow}
            delete:
              operationId: deleteFlow
              responses:
                "204": {description: deleted}
                "404": {description: no such flow}
          /things/{thing_id}:
            get:
              operationId: readThing
              parameters:
                - name: thing_id
                  in: path
                  required: true
                  schema: {type: string}
                  examples: {first: {value: t-1}}
              responses:
                "200":
                  description: the thing
                  content: {application/json: {schema: {type: object}}}
                "404": {description: no such thing}
          /things/filter:
            post:
              operationId: filterThings
              responses:
                "200":
                  description: the things that match
                  content: {application/json: {schema: {type: array}}}
          /projects/{project_id}/tasks:
            post:
              operationId: createTask
              parameters:
                - {name: project_id, in: path, required: true, schema: {type: integer}}
              requestBody:
                required: true
                content: {application/json: {schema: {$ref: '#/components/schemas/NewTask'}}}
              responses:
                "201":
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Task'}}}
                "404": {description: no such project}
                "422": {description: not a task}
          /projects/{project_id}/tasks/{task_id}:
            get:
              operationId: readTask
              parameters:
                - {name: project_id, in: path, required: true, schema: {type: integer}}
                - {name: task_id, in: path, required: true, schema: {type: integer}}
              responses:
                "200":
                  description: the task
                  content: {application/json: {schema: {$ref: '#/components/schemas/Task'}}}
                "404": {description: no such project or task}
          /me:
            get:
              operationId: whoAmI
              responses:
                "200":
                  description: the one signed in
                  content: {application/json: {schema: {type: object}}}
                "401": {description: not signed in}
        components:
          schemas:
            NewFlow:
              type: object
              required: [name]
              properties:
                name: {type: string, minLength: 1, maxLength: 100}
            Flow:
              type: object
              required: [id, name]
              properties:
                id: {type: integer}
                name: {type: string}
            NewTask:
              type: object
              required: [title]
              properties:
                title: {type: string, minLength: 1, maxLength: 100}
            Task:
              type: object
              required: [id, title]
              properties:
                id: {type: integer}
                title: {type: string}
        """

    /// The server's state: flows by id (flow 1 exists from the start), and the projects that
    /// exist (none the gate could guess).
    final class Flows: Sendable {
        private let state = Mutex<(flows: [Int: String], next: Int)>(([1: "first"], 2))

        func answer(_ request: WildServer.Arrival) -> WildServer.Answer {
            let parts = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
            let method = request.method
            func allow(_ methods: String) -> WildServer.Answer { .empty(405, headers: [("Allow", methods)]) }
            func segment(_ index: Int) -> String? { index < parts.count ? parts[index] : nil }
            switch (parts.count, segment(0), segment(1), segment(2)) {
            case (1, "flows", _, _): return .empty(307, headers: [("Location", "/flows/")])
            // Signed in by a cookie the document does not describe.
            case (1, "me", _, _): return method == "GET" ? .json(401, #"{"detail":"Not authenticated"}"#) : allow("GET")
            case (2, "flows", "", _):
                if method == "GET" {
                    let flows = state.withLock { $0.flows.sorted { $0.key < $1.key } }
                    return .json(200, "[" + flows.map { #"{"id":\#($0.key),"name":"\#(Self.escaped($0.value))"}"# }.joined(separator: ",") + "]")
                }
                guard method == "POST" else { return allow("GET, POST") }
                guard Self.isJSON(request) else { return .json(422, #"{"detail":"expected JSON"}"#) }
                guard let name = Self.text(request.body, "name") else { return .json(422, #"{"detail":"name"}"#) }
                return state.withLock { state in
                    if state.flows.values.contains(name) { return .json(409, #"{"detail":"taken"}"#) }
                    let id = state.next
                    state.next += 1
                    state.flows[id] = name
                    return .json(201, #"{"id":\#(id),"name":"\#(Self.escaped(name))"}"#)
                }
            case (2, "flows", let id?, _):
                guard method == "GET" || method == "DELETE" else { return allow("GET, DELETE") }
                guard let id = Int(id) else { return .json(422, #"{"detail":"flow_id"}"#) }
                return state.withLock { state in
                    guard let name = state.flows[id] else { return .json(404, #"{"detail":"Not Found"}"#) }
                    if method == "DELETE" {
                        state.flows[id] = nil
                        return .empty(204)
                    }
                    return .json(200, #"{"id":\#(id),"name":"\#(Self.escaped(name))"}"#)
                }
            // The router tries `/things/{thing_id}` for every GET, `filter` included.
            case (2, "things", let id?, _) where method == "GET":
                return id.hasPrefix("t-") || id == "filter" ? .json(200, #"{"id":"\#(Self.escaped(id))"}"#) : .json(422, #"{"detail":"thing_id"}"#)
            case (2, "things", "filter", _):
                return method == "POST" ? .json(200, "[]") : allow("POST")
            case (2, "things", _, _): return allow("GET")
            case (3, "projects", let project?, "tasks"):
                guard method == "POST" else { return allow("POST") }
                guard Int(project) != nil, Self.isJSON(request) else { return .json(422, #"{"detail":"project_id"}"#) }
                guard Self.text(request.body, "title") != nil else { return .json(422, #"{"detail":"title"}"#) }
                return .json(404, #"{"detail":"no such project"}"#)
            case (4, "projects", let project?, "tasks"):
                guard method == "GET" else { return allow("GET") }
                guard Int(project) != nil, Int(parts[3]) != nil else { return .json(422, #"{"detail":"ids"}"#) }
                return .json(404, #"{"detail":"no such project"}"#)
            default: return .json(404, #"{"detail":"Not Found"}"#)
            }
        }

        static func isJSON(_ request: WildServer.Arrival) -> Bool {
            request.contentType.map { $0.lowercased().hasPrefix("application/json") } ?? false
        }

        /// The member as a text of 1 to 100 characters in a JSON object body, else `nil`.
        static func text(_ body: [UInt8], _ member: String) -> String? {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
                let text = object[member] as? String, (1...100).contains(text.unicodeScalars.count)
            else { return nil }
            return text
        }

        static func escaped(_ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
            return String(decoding: data.dropFirst(2).dropLast(2), as: UTF8.self)
        }
    }

    static func verdict(seed: UInt64 = 1, capacity: Int? = nil) async throws -> (GateHarness.Verdict, [WildServer.Arrival]) {
        let loaded = OpenAPILoader().load(SourceFile(path: "flows.yaml", text: document))
        let document = try #require(loaded.document)
        let flows = Flows()
        return try await WildServer.withRunning(capacity: capacity, flows.answer) { port, log in
            let verdict = try await GateHarness.against(Target(baseURL: "http://127.0.0.1:\(port)", name: "local"), document, seed: seed)
            return (verdict, log.all)
        }
    }

    @Test("no false alarm: every case passes or says why it cannot run")
    func noFalseAlarm() async throws {
        for seed: UInt64 in [1, 2, 3] {
            let (verdict, _) = try await Self.verdict(seed: seed)
            #expect(verdict.failingCases == [], "seed \(seed)")
            #expect(verdict.errors == [], "seed \(seed)")
        }
    }

    @Test("a server that answers two requests at once: the run backs off on its 503s and no verdict is the pressure's")
    func backsOffASmallServer() async throws {
        let (verdict, _) = try await Self.verdict(capacity: 2)
        #expect(verdict.failingCases == [])
        #expect(verdict.errors == [])
        let pressure = try #require(verdict.pressure)
        #expect(pressure.backedOff)
        #expect(pressure.signals.keys.sorted() == [.unavailable])
        #expect(pressure.lowest < pressure.ceiling)
    }

    @Test("a documented 401 to an operation that declares no security is a skip that says why, not a failure")
    func undeclaredCredentials() async throws {
        let (verdict, _) = try await Self.verdict()
        let positive = try #require(verdict.results.first { $0.testCase.operationId == "whoAmI" && $0.testCase.kind == .positive })
        guard case .skipped(let reason) = positive.outcome else {
            Issue.record("expected the case skipped, got \(positive.outcome)")
            return
        }
        #expect(reason == .undeclaredCredentialsAsked)
        #expect(
            reason.description
                == "the server answered 401, which the operation documents, asking for credentials the document declares no security scheme for: there are none to send"
        )
    }

    @Test("paths go out exactly as the document writes them: /flows/ keeps its slash")
    func trailingSlash() async throws {
        let (verdict, arrivals) = try await Self.verdict()
        #expect(!arrivals.contains { $0.path == "/flows" })
        #expect(arrivals.contains { $0.method == "POST" && $0.path == "/flows/" })
        // The family of /flows/ and /flows/{flow_id} is found: its sequence runs.
        let sequence = verdict.results.first { $0.testCase.kind == .sequence && $0.testCase.name.contains("/flows/{flow_id}") }
        #expect(sequence?.testCase.name == "a resource at /flows/{flow_id} is created, read back, deleted and gone")
        #expect(sequence.map { if case .passed = $0.outcome { true } else { false } } == true, "\(String(describing: sequence?.outcome))")
    }

    @Test("no undeclared-method case for a URL another operation serves with that method")
    func methodCasesOnlyForUnmatchedURLs() async throws {
        let (verdict, _) = try await Self.verdict()
        let names = Set(verdict.results.filter { $0.testCase.kind == .method }.map(\.testCase.name))
        #expect(!names.contains("GET /things/filter (not declared) is refused"))
        #expect(names.contains("PUT /things/filter (not declared) is refused"))
        #expect(names.contains("DELETE /things/{thing_id} (not declared) is refused"))
    }

    @Test("a sequence whose create is refused stops there, saying so")
    func sequenceStopsAtRefusedCreate() async throws {
        let (verdict, _) = try await Self.verdict()
        let sequence = try #require(verdict.results.first { $0.testCase.kind == .sequence && $0.testCase.name.contains("tasks") })
        guard case .skipped(let reason) = sequence.outcome else {
            Issue.record("expected the sequence skipped, got \(sequence.outcome)")
            return
        }
        #expect(reason == .createRefused(status: 404))
        #expect(
            reason.description == "the create was answered 404, a documented answer that creates nothing: the steps after it need a created resource")
        #expect(sequence.exchanges.map(\.request.method) == ["POST"])
    }

    @Test("every create whose name the case does not choose sends a fresh one; a chosen name may meet a documented 409")
    func freshNames() async throws {
        let (verdict, _) = try await Self.verdict()
        let creates = verdict.results.filter { $0.testCase.operationId == "createFlow" }
        let unchosen = creates.filter { $0.testCase.kind != .explore }
            .flatMap(\.exchanges).compactMap { $0.request.body.flatMap { Flows.text($0, "name") } }
        #expect(!unchosen.isEmpty)
        let repeated = Dictionary(grouping: unchosen, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated == [])
        let chosen = try #require(creates.first { $0.testCase.name == "name (CJK characters) is accepted" })
        #expect(chosen.testCase.steps.first.map { if case .request(_, .successOrConflict(409), _) = $0 { true } else { false } } == true)
    }

    @Test("the documented example of a path parameter is the value sent")
    func parameterExamples() async throws {
        let (_, arrivals) = try await Self.verdict()
        let things = Set(arrivals.filter { $0.method == "GET" && $0.path.hasPrefix("/things/") && $0.path != "/things/filter" }.map(\.path))
        #expect(things == ["/things/t-1"])
    }

    @Test("a case that deletes the shared flow 1 runs after every case that reads it")
    func deletesRunLast() async throws {
        let (_, arrivals) = try await Self.verdict()
        let firstDelete = try #require(arrivals.firstIndex { $0.method == "DELETE" && $0.path == "/flows/1" })
        let readsAfter = arrivals[firstDelete...].filter { $0.path == "/flows/1" && $0.method != "DELETE" }
        #expect(readsAfter.map { "\($0.method) \($0.path)" } == [])
    }
}
