import SchemaValidation
import Testing

@Suite("The OpenAPI 3.0 schema dialect")
struct OpenAPI30DialectTests {
    static let document = """
        openapi: 3.0.3
        info: {title: Pets, version: '1'}
        paths: {}
        components:
          schemas:
            Nickname:
              type: string
              nullable: true
              minLength: 2
            Color:
              type: string
              nullable: true
              enum: [red, green]
            Bounded:
              type: number
              minimum: 0
              exclusiveMinimum: true
              maximum: 10
              exclusiveMaximum: true
            Pet:
              type: object
              required: [petType, name]
              properties:
                petType: {type: string}
                name: {type: string}
              discriminator:
                propertyName: petType
            Cat:
              allOf:
                - $ref: '#/components/schemas/Pet'
                - type: object
                  properties:
                    huntingSkill: {type: string, enum: [lazy, clueless]}
            Dog:
              allOf:
                - $ref: '#/components/schemas/Pet'
                - type: object
                  required: [packSize]
                  properties:
                    packSize: {type: integer, minimum: 0}
            AnyPet:
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
              discriminator:
                propertyName: petType
                mapping:
                  kitty: '#/components/schemas/Cat'
            Account:
              type: object
              required: [id, password, name]
              properties:
                id: {type: string, readOnly: true}
                password: {type: string, writeOnly: true}
                name: {type: string}
            RefWithSiblings:
              $ref: '#/components/schemas/Nickname'
              maxLength: 1
        """

    func validator(_ name: String) -> SchemaValidator {
        componentValidator(Self.document, name)
    }

    @Test("nullable adds null to the type, and other keywords still apply")
    func nullable() {
        #expect(errors(validator("Nickname"), "null") == [])
        #expect(errors(validator("Nickname"), #""ab""#) == [])
        #expect(
            errors(validator("Nickname"), "3") == [
                "#: type: expected string or null, found integer (3) (schema #/components/schemas/Nickname/type at api.yaml:7:7)"
            ])
        // 3.0.3: a nullable enum still has to list null to allow it.
        #expect(
            errors(validator("Color"), "null") == [
                #"#: enum: expected one of ["red", "green"], found null (schema #/components/schemas/Color/enum at api.yaml:13:7)"#
            ])
    }

    @Test("boolean exclusiveMinimum and exclusiveMaximum modify minimum and maximum")
    func booleanExclusiveBounds() {
        #expect(errors(validator("Bounded"), "5") == [])
        #expect(
            errors(validator("Bounded"), "0") == [
                "#: minimum: expected a number above 0, found 0 (schema #/components/schemas/Bounded/minimum at api.yaml:16:7)"
            ])
        #expect(
            errors(validator("Bounded"), "10") == [
                "#: maximum: expected a number below 10, found 10 (schema #/components/schemas/Bounded/maximum at api.yaml:18:7)"
            ])
    }

    @Test("a discriminator with oneOf picks the branch by mapping or by schema name")
    func discriminatorOneOf() {
        let anyPet = validator("AnyPet")
        #expect(errors(anyPet, #"{"petType": "Dog", "name": "Rex", "packSize": 3}"#) == [])
        #expect(errors(anyPet, #"{"petType": "kitty", "name": "Tom", "huntingSkill": "lazy"}"#) == [])
        #expect(
            errors(anyPet, #"{"petType": "Dog", "name": "Rex"}"#) == [
                "#: required: required member 'packSize' is missing (schema #/components/schemas/Dog/allOf/1/required at api.yaml:38:11)"
            ])
        // A value the mapping does not name is a hint that says nothing (OpenAPI 3.1): the oneOf
        // decides (Tweety is a Cat by her members), and only when it fails is the value reported.
        #expect(errors(anyPet, #"{"petType": "Bird", "name": "Tweety"}"#) == [], "a Cat by its members")
        #expect(
            errors(anyPet, #"{"petType": "Bird", "name": "Tweety", "packSize": 2, "huntingSkill": "lazy"}"#) == [
                #"#: discriminator: discriminator 'petType' is "Bird": expected one of Cat, Dog, kitty (schema #/components/schemas/AnyPet/discriminator at api.yaml:45:7)"#
            ])
        #expect(
            errors(anyPet, #"{"name": "Nobody"}"#) == [
                "#: discriminator: discriminator member 'petType' is missing: expected one of Cat, Dog, kitty (schema #/components/schemas/AnyPet/discriminator at api.yaml:45:7)"
            ])
    }

    @Test("a discriminator on a parent dispatches to the child schema named by the value")
    func discriminatorInheritance() {
        let pet = validator("Pet")
        #expect(errors(pet, #"{"petType": "Cat", "name": "Tom", "huntingSkill": "lazy"}"#) == [])
        #expect(
            errors(pet, #"{"petType": "Cat", "name": "Tom", "huntingSkill": "eager"}"#) == [
                #"#/huntingSkill: enum: expected one of ["lazy", "clueless"], found "eager" (schema #/components/schemas/Cat/allOf/1/properties/huntingSkill/enum at api.yaml:33:42)"#
            ])
    }

    @Test("readOnly members are not sent in requests, writeOnly ones not returned in responses")
    func directions() {
        let account = validator("Account")
        #expect(errors(account, #"{"password": "s3cret", "name": "Ann"}"#, direction: .request) == [])
        #expect(errors(account, #"{"id": "a1", "name": "Ann"}"#, direction: .response) == [])
        #expect(
            errors(account, #"{"id": "a1", "password": "s3cret", "name": "Ann"}"#, direction: .request) == [
                "#/id: properties: 'id' is readOnly: expected it not to be sent in a request (schema #/components/schemas/Account/properties at api.yaml:52:7)"
            ])
        #expect(
            errors(account, #"{"id": "a1", "password": "s3cret", "name": "Ann"}"#, direction: .response) == [
                "#/password: properties: 'password' is writeOnly: expected it not to be returned in a response (schema #/components/schemas/Account/properties at api.yaml:52:7)"
            ])
        #expect(
            errors(account, #"{"name": "Ann"}"#, direction: .none) == [
                "#: required: required member 'id' is missing (schema #/components/schemas/Account/required at api.yaml:51:7)",
                "#: required: required member 'password' is missing (schema #/components/schemas/Account/required at api.yaml:51:7)",
            ])
    }

    @Test("siblings of $ref are ignored")
    func refSiblings() {
        #expect(errors(validator("RefWithSiblings"), #""long enough""#) == [])
    }
}
