import CaseGeneration
import Checks
import Execution
import Foundation
import OpenAPIModel
import Synchronization
import Testing
import YAMLSource

/// A server as real stateful APIs are (Label Studio, Prefect): a task must name a project that
/// exists (404 "object does not exist" otherwise, undocumented), and titles are unique (409
/// "already exists", undocumented too). The document is true to it: the run reports nothing.
@Suite("References the run never created, against a server that checks them")
struct ReferenceServerTests {
    static let document = OpenAPILoader().load(
        SourceFile(
            path: "tasks.yaml",
            text: """
                openapi: 3.0.3
                info: {title: Tasks, version: "1"}
                paths:
                  /projects/{id}:
                    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                    get:
                      operationId: readProject
                      responses: {"200": {description: the project, content: {application/json: {schema: {type: object}}}}}
                  /tasks:
                    post:
                      operationId: createTask
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [title, project]
                              properties:
                                title: {type: string, maxLength: 200}
                                project: {type: integer}
                      responses:
                        "201": {description: created}
                        "400": {description: refused}
                """)
    ).document!

    final class Titles: Sendable {
        let seen = Mutex<Set<String>>([])
    }

    @Test("no case fails for a 4xx to a reference it could not create, and no name collides, at seeds 1-3")
    func noFalseAlarm() async throws {
        for seed: UInt64 in 1...3 {
            let titles = Titles()
            let verdict = try await WildServer.withRunning({ arrival in
                if arrival.method == "GET" { return arrival.path == "/projects/7" ? .json(200, "{}") : .json(404, #"{"detail": "Not found."}"#) }
                guard arrival.method == "POST", arrival.path == "/tasks" else { return .empty(405, headers: [("Allow", "POST")]) }
                guard let body = try? JSONSerialization.jsonObject(with: Data(arrival.body)) as? [String: Any],
                    let title = body["title"] as? String, title.count <= 200, let project = body["project"] as? Int,
                    !(body["project"] is String)
                else { return .json(400, #"{"detail": "invalid"}"#) }
                guard project == 7 else { return .json(404, #"{"detail": "object does not exist"}"#) }
                guard titles.seen.withLock({ $0.insert(title).inserted }) else { return .json(409, #"{"detail": "already exists"}"#) }
                return .empty(201)
            }) { port, _ in
                try await GateHarness.against(Target(baseURL: "http://127.0.0.1:\(port)", name: "local"), Self.document, seed: seed)
            }
            #expect(verdict.failingCases.filter { $0.contains("createTask") && !$0.contains("found 201") } == [], "seed \(seed)")
        }
    }
}
