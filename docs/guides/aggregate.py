"""Sum the new applications (本年新收政府信息公开申请数量) of every canonical 2021 report in a folder,
per kind of applicant, with the generated Python types of `bindings/python`. Counts are exact
Python ints, so the sums are exact however many reports there are.

Run: `python3 aggregate.py FOLDER` (after `pip install ./bindings/python`).
"""

import io
import json
import sys
from pathlib import Path

from xxgk_model import parse_report

# The columns of 表三's row 一, in the template's order, with their Chinese headers.
COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"),
    ("social_welfare_org", "社会公益组织"),
    ("legal_service_org", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
]


def main(args: list[str]) -> int:
    if len(args) != 1:
        print("usage: aggregate.py FOLDER", file=sys.stderr)
        return 2
    sums = {key: 0 for key, _ in COLUMNS}
    for path in sorted(Path(args[0]).glob("*.json")):
        text = path.read_text(encoding="utf-8")
        if json.loads(text).get("edition") == "2019":
            # The 2019 template counts differently: aggregate it apart (xxgk_model covers 2021).
            print(f"{path.name}: 2019 edition, skipped")
            continue
        report = parse_report(text)
        row = report["applications"]["new_received"]
        organ = report["metadata"]["organ"]["name"]
        print(f"{organ} {report['metadata']['report_year']}: {row['total']}")
        for key, _ in COLUMNS:
            sums[key] += row[key]
    print("合计 " + "，".join(f"{label} {sums[key]}" for key, label in COLUMNS))
    return 0


if __name__ == "__main__":
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv[1:]))
