import Testing
import OpenAPIModel

@Suite("A document over several files")
struct MultiFileTests {
    let path = fixtures + "/multi-file/openapi.yaml"

    @Test("every file is loaded once, relative to the file that names it")
    func files() throws {
        let result = OpenAPILoader().load(file: path)
        #expect(messages(result) == [
            "\(path):32:5: warning: component name 'Odd/Name~x' should match ^[a-zA-Z0-9.\\-_]+$ (at #/components/schemas/Odd~1Name~0x)",
        ])
        let files = result.sourceMap.files.keys.map { $0.dropFirst(fixtures.count + "/multi-file/".count) }
        #expect(files == [
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
