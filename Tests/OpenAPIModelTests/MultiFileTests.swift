import Foundation
import OpenAPIModel
import OrderedCollections
import Testing
import YAMLSource

@Suite("A document over several files")
struct MultiFileTests {
    let path = fixtures + "/multi-file/openapi.yaml"

    @Test("every file is loaded once, relative to the file that names it")
    func files() throws {
        let result = OpenAPILoader().load(file: path)
        #expect(
            messages(result) == [
                "\(path):32:5: warning: component name 'Odd/Name~x' should match ^[a-zA-Z0-9.\\-_]+$ (at #/components/schemas/Odd~1Name~0x)"
            ])
        let files = result.sourceMap.files.keys.map { $0.dropFirst(fixtures.count + "/multi-file/".count) }
        #expect(
            files == [
                "openapi.yaml", "paths/pets.yaml", "common/errors.yaml", "common/parameters.yaml",
                "schemas/pet.yaml", "schemas/owner.yaml",
            ])
    }

    @Test("objects from other files record the reference they came through")
    func references() throws {
        let document = try #require(OpenAPILoader().load(file: path).document)
        #expect(document.operations.map(\.id) == ["listPets", "createPet", "getPet"])
        let pets = try #require(document.paths["/pets"])
        #expect(pets.reference?.ref == "paths/pets.yaml")
        #expect(pets.location.file == fixtures + "/multi-file/paths/pets.yaml")

        let getPet = try #require(document.operation(id: "getPet"))
        let petId = try #require(getPet.parameters.first)
        #expect(petId.name == "petId")
        #expect(petId.location == .path)
        #expect(petId.reference?.ref == "common/parameters.yaml#/PetId")
        #expect(petId.reference?.target.pointer.description == "/PetId")
        #expect(petId.reference?.mark.line == 13)

        let error = try #require(getPet.operation.responses.byStatus["default"])
        #expect(error.reference?.target.file == fixtures + "/multi-file/common/errors.yaml")
    }

    @Test("schema references resolve across files, recursive ones included")
    func schemas() throws {
        let document = try #require(OpenAPILoader().load(file: path).document)
        let listPets = try #require(document.operation(id: "listPets"))
        let array = try #require(listPets.operation.responses.byStatus["200"]?.content["application/json"]?.schema)
        let items = try #require(array.node["items"])
        #expect(items["$ref"]?.string == "../schemas/pet.yaml#/Pet")
        let created = try #require(document.operation(id: "createPet")?.operation.requestBody?.content["application/json"]?.schema)
        let pet = try #require(document.resolve(created))
        #expect(pet.location.file == fixtures + "/multi-file/schemas/pet.yaml")
        #expect(pet.location.pointer.description == "/Pet")
        let owner = try #require(document.sourceMap.resolve("owner.yaml", from: pet.location.file))
        #expect(owner.node["properties"]?["pets"]?["items"]?["$ref"]?.string == "pet.yaml#/Pet")

        let odd = try #require(document.components.schemas["UsesOddPercent"])
        #expect(document.resolve(odd)?.location.pointer.tokens == ["components", "schemas", "Odd/Name~x"])
        let anchored = try #require(document.sourceMap.resolve("#innerAnchor", from: path))
        #expect(anchored.location.pointer.description == "/components/schemas/Anchored/$defs/inner")
    }
}

/// `$ref` where bundlers allow it and OpenAPI lists none: followed, with a warning, and files
/// loaded once however many there are.
@Suite("References where OpenAPI lists none")
struct StrayReferenceTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ops"), withIntermediateDirectories: true)
        return folder
    }

    @Test("a whole operation and a description by reference are loaded, each with a warning that names the place")
    func stray() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        openapi: 3.0.3
        info: {title: Refs, version: "1", description: {$ref: 'texts.yaml#/intro'}}
        paths:
          /things:
            get: {$ref: 'ops/list.yaml'}
        """.write(to: folder.appendingPathComponent("main.yaml"), atomically: true, encoding: .utf8)
        try "intro: The Refs API.\n".write(to: folder.appendingPathComponent("texts.yaml"), atomically: true, encoding: .utf8)
        try "operationId: listThings\nresponses: {'200': {description: the things}}\n"
            .write(to: folder.appendingPathComponent("ops/list.yaml"), atomically: true, encoding: .utf8)
        let main = folder.appendingPathComponent("main.yaml").path
        let result = OpenAPILoader().load(file: main)
        #expect(
            messages(result) == [
                "\(main):2:55: warning: '$ref' in place of a string ('description'): OpenAPI lists no reference here; it is loaded as the node it points to, as bundlers do (at #/info/description/$ref)",
                "\(main):5:17: warning: '$ref' in place of an Operation object: OpenAPI lists no reference here; it is loaded as the node it points to, as bundlers do (at #/paths/~1things/get/$ref)",
            ])
        let document = try #require(result.document)
        #expect(document.info.description == "The Refs API.")
        #expect(document.operations.map(\.id) == ["listThings"])
    }

    @Test("a document of 2,000 files loads, each file once")
    func thousands() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths = ""
        for index in 0..<1000 {
            paths += "  /things\(index):\n    get: {$ref: 'ops/get\(index).yaml'}\n"
            try """
            operationId: getThing\(index)
            responses:
              '200':
                description: a thing
                content: {application/json: {schema: {$ref: '../schemas/thing\(index).yaml'}}}
            """.write(to: folder.appendingPathComponent("ops/get\(index).yaml"), atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("schemas"), withIntermediateDirectories: true)
        for index in 0..<1000 {
            try "type: object\nproperties: {id: {type: integer}, next: {$ref: 'thing\((index + 1) % 1000).yaml'}}\n"
                .write(to: folder.appendingPathComponent("schemas/thing\(index).yaml"), atomically: false, encoding: .utf8)
        }
        try "openapi: 3.0.3\ninfo: {title: Many, version: '1'}\npaths:\n\(paths)"
            .write(to: folder.appendingPathComponent("main.yaml"), atomically: false, encoding: .utf8)
        let result = OpenAPILoader().load(file: folder.appendingPathComponent("main.yaml").path)
        #expect(!result.diagnostics.contains { $0.severity == .error })
        #expect(result.sourceMap.files.count == 2001)
        #expect(result.document?.operations.count == 1000)
    }
}
