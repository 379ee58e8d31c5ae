"""Python's validators on the same schema and data as ValidationBenchmark: the peers' figures.

Usage: python jsonschema_bench.py SPEC EXAMPLE_JSON ARRAY_JSON
Prints `NAME example <validations/s>` and `NAME array <validations/s>` for each validator
installed: `jsonschema` (pure Python, every error), `jsonschema-rs` (Rust through its
Python binding, every error; its figure includes converting the Python objects on each call)
and `fastjsonschema` (Python code generated from the schema, stops at the first error).
"""
import json
import sys
import time

import jsonschema
import yaml


def draft4(schema):
    """OpenAPI 3.0's nullable, as draft-04 says it: null added to the type."""
    if isinstance(schema, dict):
        schema = {key: draft4(value) for key, value in schema.items()}
        if schema.pop("nullable", False) and "type" in schema:
            schema["type"] = [schema["type"], "null"]
        return schema
    if isinstance(schema, list):
        return [draft4(item) for item in schema]
    return schema


def rate(validate, instance):
    """Validations per second: the best of three rounds of at least half a second."""
    best = 0.0
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while True:
            validate(instance)
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 0.5:
                break
        best = max(best, count / elapsed)
    return best


def all_errors(validator):
    def validate(instance):
        errors = list(validator.iter_errors(instance))
        assert not errors, errors[0]
    return validate


spec = yaml.safe_load(open(sys.argv[1]))
components = draft4(spec["components"]["schemas"])
# Both places a reference may name: OpenAPI's own and draft-04's.
invitation = dict(components["Invitation"], definitions=components, components={"schemas": components})
array = {"type": "array", "items": {"$ref": "#/definitions/Invitation"}, "definitions": components,
         "components": {"schemas": components}}
example = json.load(open(sys.argv[2]))
items = json.load(open(sys.argv[3]))

checker = jsonschema.Draft4Validator.FORMAT_CHECKER
for name, instance, schema in [("example", example, invitation), ("array", items, array)]:
    print("jsonschema", name, rate(all_errors(jsonschema.Draft4Validator(schema, format_checker=checker)), instance), flush=True)

try:
    import jsonschema_rs
except ImportError:
    jsonschema_rs = None
if jsonschema_rs:
    for name, instance, schema in [("example", example, invitation), ("array", items, array)]:
        validator = jsonschema_rs.Draft4Validator(schema, validate_formats=True)
        print("jsonschema-rs", name, rate(all_errors(validator), instance), flush=True)

try:
    import fastjsonschema
except ImportError:
    fastjsonschema = None
if fastjsonschema:
    for name, instance, schema in [("example", example, invitation), ("array", items, array)]:
        validate = fastjsonschema.compile(schema)
        print("fastjsonschema", name, rate(validate, instance), flush=True)
