"""An integrator's first program in Python: load a canonical report with the generated types and
print its totals, exactly as `cargo run --example totals` does. With `--json` it prints the report
serialised again instead (a round trip that keeps every number exact).

Run: `pip install bindings/python && python bindings/python/examples/totals.py examples/jingyue-2024.json`
"""

import io
import sys
from pathlib import Path

from xxgk_model import CELLS, cell_values, dump_report, parse_report


def main(args: list[str]) -> int:
    as_json = args[:1] == ["--json"]
    if len(args) != (2 if as_json else 1):
        print("usage: totals.py [--json] FILE", file=sys.stderr)
        return 2
    path = args[-1]
    report = parse_report(Path(path).read_text(encoding="utf-8"))
    if as_json:
        print(dump_report(report))
        return 0

    apps = report["applications"]
    cases = report["review_litigation"]
    print(f"{report['metadata']['organ']['name']} — {report['metadata']['report_year']} 年度")
    print(f"新收申请 new applications        {apps['new_received']['total']}")
    print(f"上年结转 carried over            {apps['carried_over']['total']}")
    print(f"办理完毕 concluded               {apps['results']['total']['total']}")
    print(f"结转下年 carried forward         {apps['carried_forward']['total']}")
    print(f"行政复议 administrative reviews  {cases['review']['total']}")
    lawsuits = cases["litigation_direct"]["total"] + cases["litigation_after_review"]["total"]
    print(f"行政诉讼 lawsuits                {lawsuits}")
    print(f"行政事业性收费 fees (万元)       {report['active_disclosure']['fees']['amount_wan_yuan']}")

    # Every cell, with its Chinese label path, through the generated cell table.
    nonzero = sum(1 for value in cell_values(report) if value != 0)
    print(f"{nonzero} of {len(CELLS)} cells are non-zero")
    return 0


if __name__ == "__main__":
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv[1:]))
