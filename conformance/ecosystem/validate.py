"""Validates documents against the published schema with Python's jsonschema (draft 2020-12,
format assertion on) and prints {"<file name>": true | false, ...}: true when the file parses as
JSON and is valid. Usage: validate.py SCHEMA DOCUMENT..."""

import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker


def main() -> None:
    schema = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    verdicts = {}
    for name in sys.argv[2:]:
        path = Path(name)
        try:
            document = json.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            verdicts[path.name] = False
            continue
        verdicts[path.name] = validator.is_valid(document)
    print(json.dumps(verdicts, sort_keys=True))


main()
