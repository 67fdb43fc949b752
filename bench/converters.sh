#!/usr/bin/env bash
# bench/converters.sh: how `xxgk extract` reads the text that the PDF converters people use make
# of one report. Each report with a known truth (the example, the three real reports' expected
# JSON, and the seeds' extractions) is printed as PDF by headless Chromium in several print
# styles (page sizes, fonts, type sizes, narrow cells, cells hung from the top, letter spacing).
# Each PDF is converted by poppler's pdftotext (-layout, which `xxgk extract x.pdf` uses, -raw,
# and no flags), pdfminer.six, pdfplumber (`extract_text()`, plain and `layout=True`) and PDFium
# (pypdfium2). `xxgk extract` reads every text, and each table cell (表二, 表三, 表四) is compared
# with the truth: right, wrong (a value other than the truth's: the number that must never be
# read) or missing. Prints a table per converter and writes it to bench/out/converters/results.md,
# with the wrong cells of each file listed below it.
#
#   bash bench/converters.sh
#
# Needs chromium, fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-uming and poppler-utils
# (Debian); pdfminer.six, pdfplumber and pypdfium2 are installed into a virtual environment in
# bench/.peers/converters on first use. Output: bench/out/converters/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=bench/out/converters
VENV=bench/.peers/converters
rm -rf "$OUT"
mkdir -p "$OUT/truth" "$OUT/pdf" "$OUT/text" "$OUT/read"

if [ ! -x "$VENV/bin/python" ]; then
    echo "== installing pdfminer.six, pdfplumber and pypdfium2 into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet pdfminer.six pdfplumber pypdfium2
fi

echo "== building xxgk and the renderer" >&2
cargo build --release --quiet -p xxgk-cli --bin xxgk
cargo build --release --quiet -p xxgk-render --example render
XXGK=${CARGO_TARGET_DIR:-target}/release/xxgk
RENDER=${CARGO_TARGET_DIR:-target}/release/examples/render

# The truths: canonical reports of the 2021 template, the example and the seeds and real reports
# that xxgk reads whole (their expected outputs, which the tests hold exact).
cp examples/jingyue-2024.json "$OUT/truth/jingyue-2024.json"
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
"$XXGK" extract corpus/seeds/*.txt corpus/realworld/*.txt -o "$seeds" >/dev/null 2>&1 || true
# A report read whole (no problem), of the 2021 template and not the example again, is a truth.
python3 - "$seeds" "$OUT/truth" <<'PY'
import json, pathlib, sys

seeds, truths = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
TABLES = ("active_disclosure", "applications", "review_litigation")
tables = lambda doc: [doc.get(t) for t in TABLES]
known = [tables(json.loads(p.read_text(encoding="utf-8"))) for p in truths.glob("*.json")]
for report in sorted(seeds.glob("*.json")):
    if report.name.endswith(".provenance.json"):
        continue
    doc = json.loads(report.read_text(encoding="utf-8"))
    provenance = json.loads(report.with_suffix(".provenance.json").read_text(encoding="utf-8"))
    if doc.get("edition") == "2021" and not provenance["problems"] and tables(doc) not in known:
        (truths / report.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
PY

# name | page size | font family | type size | extra CSS
STYLES='base|A4|WenQuanYi Zen Hei|12pt|
large-type|A4|WenQuanYi Zen Hei|15pt|
narrow-cells|A4|WenQuanYi Zen Hei|12pt|td { max-width: 2.2em; word-break: break-all }
top|A4|WenQuanYi Zen Hei|12pt|td { max-width: 2.2em; word-break: break-all; vertical-align: top }
a5-small|A5|WenQuanYi Micro Hei|8pt|
letter-spaced|A4|WenQuanYi Micro Hei|11pt|body { letter-spacing: 0.25em }
landscape|A4 landscape|WenQuanYi Zen Hei|11pt|
b5-serif|B5|AR PL UMing CN|10.5pt|
letter|letter|AR PL UMing CN|10.5pt|
b5-microhei|B5|WenQuanYi Micro Hei|9pt|'

echo "== printing PDFs" >&2
for truth in "$OUT"/truth/*.json; do
    report=$(basename "$truth" .json)
    "$RENDER" "$truth" html > "$seeds/$report.html"
    while IFS='|' read -r style page family size extra; do
        css="@page { size: $page; margin: 18mm } body { font-family: '$family'; font-size: $size } table { border-collapse: collapse } td { border: 1px solid #000; padding: 2px 4px } $extra"
        sed "s|</head>|<style>$css</style></head>|" "$seeds/$report.html" > "$seeds/$report.$style.html"
        chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
            --print-to-pdf="$OUT/pdf/$report.$style.pdf" "file://$seeds/$report.$style.html" 2>/dev/null
    done <<< "$STYLES"
done

echo "== converting" >&2
for pdf in "$OUT"/pdf/*.pdf; do
    base=$(basename "$pdf" .pdf)
    pdftotext -layout "$pdf" "$OUT/text/$base.pdftotext-layout.txt"
    pdftotext -raw "$pdf" "$OUT/text/$base.pdftotext-raw.txt"
    pdftotext "$pdf" "$OUT/text/$base.pdftotext-default.txt"
done
"$VENV/bin/python" - "$OUT/pdf" "$OUT/text" <<'PY'
import pathlib, sys
import pdfplumber, pypdfium2
from pdfminer.high_level import extract_text

pdfs, text = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for pdf in sorted(pdfs.glob("*.pdf")):
    out = lambda tool: text / f"{pdf.stem}.{tool}.txt"
    out("pdfminer").write_text(extract_text(str(pdf)), encoding="utf-8")
    with pdfplumber.open(pdf) as doc:
        out("pdfplumber").write_text(
            "\n".join(page.extract_text() or "" for page in doc.pages), encoding="utf-8")
        out("pdfplumber-layout").write_text(
            "\n".join(page.extract_text(layout=True) or "" for page in doc.pages), encoding="utf-8")
    doc = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for page in doc:
        pages.append(page.get_textpage().get_text_range())
    out("pdfium").write_text("\n".join(pages), encoding="utf-8")
PY

echo "== reading" >&2
"$XXGK" extract "$OUT"/text/*.txt -o "$OUT/read" >/dev/null 2>&1 || true

python3 - "$OUT" <<'PY'
import json, pathlib, sys
from collections import defaultdict

out = pathlib.Path(sys.argv[1])
TABLES = ("active_disclosure", "applications", "review_litigation")

def leaves(value, pointer=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{pointer}/{key}")
    elif not isinstance(value, list):
        yield pointer, value

def at(doc, pointer):
    for key in pointer.strip("/").split("/"):
        if not isinstance(doc, dict) or key not in doc:
            return None
        doc = doc[key]
    return doc

truths = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "truth").glob("*.json")}
totals = defaultdict(lambda: [0, 0, 0, 0, 0])  # files, cells, right, wrong, missing
wrong_lines = []
for text in sorted((out / "text").glob("*.txt")):
    report, style, tool = text.stem.split(".")
    truth = truths[report]
    read_path = out / "read" / f"{text.stem}.json"
    read = json.loads(read_path.read_text(encoding="utf-8")) if read_path.exists() else {}
    row = totals[tool]
    row[0] += 1
    for table in TABLES:
        for pointer, value in leaves(truth.get(table, {}), f"/{table}"):
            got = at(read, pointer)
            row[1] += 1
            if got is None:
                row[4] += 1
            elif got == value:
                row[2] += 1
            else:
                row[3] += 1
                wrong_lines.append(f"- {text.name}: {pointer} read {got}, truth {value}")

lines = ["| converter | files | cells | right | wrong | missing |", "|---|---:|---:|---:|---:|---:|"]
for tool, (files, cells, right, wrong, missing) in sorted(totals.items()):
    lines.append(f"| {tool} | {files} | {cells:,} | {right:,} ({100 * right / cells:.2f}%) | {wrong} | {missing:,} |")
report = "\n".join(lines) + "\n\nWrong cells:\n\n" + ("\n".join(wrong_lines) or "none") + "\n"
(out / "results.md").write_text(report, encoding="utf-8")
print(report)
PY
