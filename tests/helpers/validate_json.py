#!/usr/bin/python3
"""validate_json.py SCHEMA FILE: validate a JSON document against a JSON
Schema (draft picked from the schema's $schema). Exit 0 if valid, 1 with the
first errors on stderr if not, 77 if python3-jsonschema is missing."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def main():
    if len(sys.argv) != 3:
        print("usage: validate_json.py SCHEMA FILE", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], "rb") as f:
        raw = f.read()
    # strict: the bytes must be UTF-8 (json.loads on str would hide that)
    doc = json.loads(raw.decode("utf-8", errors="strict"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:5]:
        print("%s: %s at %s" % (sys.argv[2], e.message,
                                "/".join(str(p) for p in e.path)),
              file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
