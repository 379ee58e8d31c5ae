import SchemaValidation
import Testing

/// A document's component schemas are indexed (for `$id`, anchors, dynamic anchors) only when a
/// reference needs the index: whatever a reference names must still be found.
@Suite("Component schemas indexed when a reference needs them")
struct DeferredIndexTests {
    @Test("OpenAPI 3.1: a reference by a component's $anchor, and through $dynamicRef to a $dynamicAnchor")
    func draft2020() {
        let document = """
            openapi: 3.1.0
            info: {title: Anchors, version: '1'}
            paths: {}
            components:
              schemas:
                Uses:
                  type: object
                  properties:
                    byAnchor: {$ref: '#short'}
                Short:
                  $anchor: short
                  type: string
                  maxLength: 2
                Tree:
                  $id: https://example.com/schemas/tree
                  $dynamicAnchor: node
                  type: object
                  properties:
                    children: {type: array, items: {$dynamicRef: '#node'}}
                    label: {type: string}
            """
        let uses = componentValidator(document, "Uses")
        #expect(errors(uses, #"{"byAnchor": "ok"}"#) == [])
        #expect(
            errors(uses, #"{"byAnchor": "too long"}"#) == [
                "#/byAnchor: maxLength: expected at most 2 characters, found 8 (schema #/components/schemas/Short/maxLength at api.yaml:13:7)"
            ])
        let tree = componentValidator(document, "Tree")
        #expect(errors(tree, #"{"label": "a", "children": [{"label": "b", "children": []}]}"#) == [])
        #expect(
            errors(tree, #"{"children": [{"label": 2}]}"#) == [
                "#/children/0/label: type: expected string, found integer (2) (schema #/components/schemas/Tree/properties/label/type at api.yaml:20:17)"
            ])
    }
}
