"""Reading a report in the 2019 format (reports on 2019 and 2020) with `xxgk_model.edition_2019`:
print every cell of its tables, one `pointer TAB value` line each with the value as JSON (本年增/减
signed, 采购总金额 the published text with its unit). With `--json` it prints the report serialised
again instead. A report of another edition is refused by its `edition`, which is how a program
reading both formats picks the module.

Run: `PYTHONPATH=bindings/python/src python bindings/python/examples/cells_2019.py conformance/base/realistic-2019.json`
"""

import io
import json
import sys
from pathlib import Path

from xxgk_model.edition_2019 import CELLS, EDITION, cell_values, dump_report, parse_report


def main(args: list[str]) -> int:
    as_json = args[:1] == ["--json"]
    if len(args) != (2 if as_json else 1):
        print("usage: cells_2019.py [--json] FILE", file=sys.stderr)
        return 2
    path = args[-1]
    report = parse_report(Path(path).read_text(encoding="utf-8"))
    # The types say `edition` is "2019"; a parsed document proves it only when checked.
    edition: object = report.get("edition")
    if edition != EDITION:
        print(f"{path}: a report of edition {edition!r}, not {EDITION}", file=sys.stderr)
        return 2
    if as_json:
        print(dump_report(report))
        return 0
    for cell, value in zip(CELLS, cell_values(report), strict=True):
        shown = value if isinstance(value, int) else json.dumps(value, ensure_ascii=False)
        print(f"{cell.pointer}\t{shown}")
    return 0


if __name__ == "__main__":
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv[1:]))
