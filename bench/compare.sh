#!/usr/bin/env bash
# bench/compare.sh: times `xxgk check` against ajv-cli, check-jsonschema, a parse-only floor and
# `cat`, on the same synthetic corpus, in one run (alternating tools, median of several runs); and
# times extraction: `xxgk extract` and `xxgk check` over the same kind of reports rendered as
# published text (`cargo corpus --published-out`, the text layouts in turn), and `xxgk check`
# over them as web pages' text on one line (`--one-line-out`).
#
#   bench/compare.sh                          # 100,000 reports, 3 runs
#   XXGK_BENCH_COUNT=20000 bench/compare.sh   # a quicker run
#   XXGK_BENCH_EXTRACT_ONLY=1 bench/compare.sh  # only the extraction rows (no peers)
#   XXGK_BENCH_BASELINE=/tmp/xxgk-old XXGK_BENCH_EXTRACT_ONLY=1 bench/compare.sh
#                                             # and the same rows for another build, side by side
#
# Environment: XXGK_BENCH_COUNT (reports, default 100000), XXGK_BENCH_RUNS (default 3),
# XXGK_BENCH_SEED (default 2024), XXGK_BENCH_BROKEN (share with broken identities, default 0.05),
# XXGK_BENCH_CJS (files given to check-jsonschema, which is too slow for the whole corpus; its
# rate is scaled from this subset, default 2000), XXGK_BENCH_PUBLISHED (published reports for
# the extraction rows, default 10000), XXGK_BENCH_EXTRACT_ONLY (1: only the extraction rows),
# XXGK_BENCH_BASELINE (another `xxgk` binary, e.g. a copy of target/dist/xxgk built at an
# earlier commit: its `xxgk check` and extraction rows are timed in the same runs, alternating), XXGK_BENCH_EXTRACTED
# (where `xxgk extract` writes its 2 files a report, default
# $TMPDIR/xxgk-bench-extracted: outside the working tree, which editors and indexers may watch,
# inflating the system time of creating 20,000 files there several times over; every run writes
# into a new folder under it, all removed at the end: ext4 skips inodes freed in the last minutes
# when it allocates one, so deleting one run's output just before the next run made that run
# spend most of its time in the kernel).
#
# The peers are installed on first use into bench/.peers/ (gitignored): ajv-cli and ajv-formats
# with npm, check-jsonschema in a Python venv. Corpus and outputs go to bench/out/ (gitignored).
# The table is printed and written to bench/out/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${XXGK_BENCH_COUNT:-100000}
RUNS=${XXGK_BENCH_RUNS:-3}
SEED=${XXGK_BENCH_SEED:-2024}
BROKEN=${XXGK_BENCH_BROKEN:-0.05}
CJS=${XXGK_BENCH_CJS:-2000}
PUBLISHED=${XXGK_BENCH_PUBLISHED:-10000}
EXTRACT_ONLY=${XXGK_BENCH_EXTRACT_ONLY:-0}
EXTRACTED=${XXGK_BENCH_EXTRACTED:-${TMPDIR:-/tmp}/xxgk-bench-extracted}
PEERS=bench/.peers
OUT=bench/out
CORPUS=$OUT/corpus-$COUNT-$SEED
JSONL=$OUT/corpus-$COUNT-$SEED.jsonl
SCHEMA=schema/annual-report-2021.schema.json
PUBLISHED_SRC=$OUT/published-src-$PUBLISHED-$SEED
PUBLISHED_DIR=$OUT/published-$PUBLISHED-$SEED
ONE_LINE_DIR=$OUT/one-line-$PUBLISHED-$SEED

echo "== building the binaries (xxgk and the floor in the dist profile)" >&2
# `xxgk` and the floor as distributed (the `dist` profile: fat LTO, one codegen unit).
cargo build --profile dist --quiet -p xxgk-cli --bin xxgk --example floor
cargo build --release --quiet -p xxgk-corpus

if [ ! -f "$PUBLISHED_DIR/.complete" ] || [ ! -f "$ONE_LINE_DIR/.complete" ]; then
    echo "== generating $PUBLISHED published reports in $PUBLISHED_DIR and $ONE_LINE_DIR" >&2
    rm -rf "$PUBLISHED_SRC" "$PUBLISHED_DIR" "$ONE_LINE_DIR"
    target/release/xxgk-corpus --count "$PUBLISHED" --seed "$SEED" --out "$PUBLISHED_SRC" \
        --broken-share "$BROKEN" --published-out "$PUBLISHED_DIR" \
        --one-line-out "$ONE_LINE_DIR" >&2
    touch "$PUBLISHED_DIR/.complete" "$ONE_LINE_DIR/.complete"
fi
echo "== extraction: the published text gets the verdicts of its canonical JSON" >&2
verdicts() { { target/dist/xxgk check "$1" --format json || true; } | tail -n 1 | sed 's/"files":[0-9]*,//'; }
published=$(verdicts "$PUBLISHED_DIR")
canonical=$(verdicts "$PUBLISHED_SRC")
if [ "$published" = "$canonical" ]; then
    echo "same verdicts for the published text and its JSON: $published" >&2
else
    echo "VERDICTS DIFFER: published text $published, JSON $canonical" >&2
    exit 1
fi

if [ "$EXTRACT_ONLY" = 1 ]; then
    CJS=0
    CORPUS=$OUT/empty
    mkdir -p "$CORPUS"
    : > "$OUT/cjs-files.txt"
else
    echo "== peers in $PEERS" >&2
    mkdir -p "$PEERS"
    if [ ! -x "$PEERS/node_modules/.bin/ajv" ]; then
        npm install --prefix "$PEERS" --no-audit --no-fund --silent ajv-cli ajv-formats >&2
    fi
    if [ ! -x "$PEERS/venv/bin/check-jsonschema" ]; then
        python3 -m venv "$PEERS/venv"
        "$PEERS/venv/bin/pip" install --quiet check-jsonschema >&2
    fi

    if [ ! -f "$CORPUS/.complete" ] || [ ! -s "$JSONL" ]; then
        echo "== generating $COUNT reports in $CORPUS" >&2
        rm -rf "$CORPUS" "$JSONL"
        target/release/xxgk-corpus --count "$COUNT" --seed "$SEED" --out "$CORPUS" \
            --broken-share "$BROKEN" --jsonl "$JSONL" >&2
        touch "$CORPUS/.complete"
    fi
    find "$CORPUS" -name '*.json' | sort | sed -n "1,${CJS}p" > "$OUT/cjs-files.txt"

    echo "== findings: -j1 against all cores, files against JSON Lines" >&2
    target/dist/xxgk check "$CORPUS" --format json -j1 > "$OUT/findings-j1.jsonl" || true
    target/dist/xxgk check "$CORPUS" --format json > "$OUT/findings-all.jsonl" || true
    target/dist/xxgk check "$JSONL" --format json > "$OUT/findings-jsonl.jsonl" || true
    if cmp -s "$OUT/findings-j1.jsonl" "$OUT/findings-all.jsonl"; then
        echo "findings identical between -j1 and all cores" >&2
    else
        echo "FINDINGS DIFFER between -j1 and all cores" >&2
        exit 1
    fi
    summary() { tail -n 1 "$1" | sed 's/"files":[0-9]*,//'; }
    if [ "$(summary "$OUT/findings-all.jsonl")" = "$(summary "$OUT/findings-jsonl.jsonl")" ]; then
        echo "same verdicts for the files and the JSON Lines dataset: $(summary "$OUT/findings-all.jsonl")" >&2
    else
        echo "VERDICTS DIFFER between the files and the JSON Lines dataset" >&2
        exit 1
    fi

fi

BASELINE=${XXGK_BENCH_BASELINE:-}
export COUNT RUNS CJS CORPUS JSONL SCHEMA PEERS OUT PUBLISHED PUBLISHED_DIR ONE_LINE_DIR EXTRACT_ONLY EXTRACTED BASELINE
python3 - <<'PY'
"""Runs every tool RUNS times, alternating, and prints the table (medians)."""
import os, shutil, statistics, subprocess, sys, time

count, runs, cjs = int(os.environ["COUNT"]), int(os.environ["RUNS"]), int(os.environ["CJS"])
corpus, jsonl, schema = os.environ["CORPUS"], os.environ["JSONL"], os.environ["SCHEMA"]
peers, out = os.environ["PEERS"], os.environ["OUT"]
published, published_dir = int(os.environ["PUBLISHED"]), os.environ["PUBLISHED_DIR"]
one_line_dir = os.environ["ONE_LINE_DIR"]
extracted = os.environ["EXTRACTED"]
with open(f"{out}/cjs-files.txt") as f:
    cjs_files = f.read().split()
cjs = len(cjs_files)

tools = [
    # name, argv, reports
    ("xxgk check (all cores)", ["target/dist/xxgk", "check", corpus, "--format", "json"], count),
    ("xxgk check -j1", ["target/dist/xxgk", "check", corpus, "--format", "json", "-j1"], count),
    ("xxgk check JSON Lines (all cores)", ["target/dist/xxgk", "check", jsonl, "--format", "json"], count),
    ("floor: read + serde parse (all cores)", ["target/dist/examples/floor", corpus], count),
    ("floor: read + serde parse (1 core)", ["target/dist/examples/floor", "-j", "1", corpus], count),
    ("cat (read only)", ["sh", "-c", f"find {corpus} -name '*.json' -print0 | xargs -0 cat"], count),
    ("ajv-cli (schema only)", [f"{peers}/node_modules/.bin/ajv", "validate", "--spec=draft2020",
        "--strict=false", "-c", "ajv-formats", "-s", schema, "-d", f"{corpus}/**/*.json"], count),
    (f"check-jsonschema (schema only, {cjs} files, scaled)",
        [f"{peers}/venv/bin/check-jsonschema", "--schemafile", schema] + cjs_files, cjs),
]
if os.environ["EXTRACT_ONLY"] == "1":
    tools = []
def extraction_rows(xxgk, suffix):
    """Extraction of published text: `xxgk extract` on all cores, two JSON files written per
    report; then `xxgk check` on the folder, which extracts and checks."""
    return [
        (f"xxgk extract -o DIR (published text, all cores){suffix}", ["sh", "-c",
            f"{xxgk} extract {published_dir}/*/*.txt -o {extracted}/$XXGK_BENCH_RUN 2>/dev/null"],
            published),
        (f"xxgk check published text (all cores){suffix}",
            [xxgk, "check", published_dir, "--format", "json"], published),
        (f"xxgk check published text -j1{suffix}",
            [xxgk, "check", published_dir, "--format", "json", "-j1"], published),
        # The same reports as web pages' text on one line, glued and spaced in turn: their
        # digits split by the identities (searches bounded per table).
        (f"xxgk check one-line text (all cores){suffix}",
            [xxgk, "check", one_line_dir, "--format", "json"], published),
    ]
tools += extraction_rows("target/dist/xxgk", "")
if os.environ["BASELINE"]:
    base = os.environ["BASELINE"]
    if os.environ["EXTRACT_ONLY"] != "1":
        tools += [
            ("xxgk check (all cores) [baseline]", [base, "check", corpus, "--format", "json"], count),
            ("xxgk check -j1 [baseline]", [base, "check", corpus, "--format", "json", "-j1"], count),
        ]
    tools += extraction_rows(base, " [baseline]")

GNU_TIME = "/usr/bin/time"
TIMES = f"{out}/time.txt"

def run(argv):
    """Wall seconds, CPU seconds (user+sys) and peak RSS (KiB) of one run of argv.

    GNU time when present (getrusage of a forked Python child would count Python's own pages
    in the peak RSS until exec), else getrusage via wait4."""
    timed = os.access(GNU_TIME, os.X_OK)
    if timed:
        argv = [GNU_TIME, "-f", "%U %S %M", "-o", TIMES] + argv
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    # 1: some report breaks an identity; 3: some cells unread (one-line text), not a failure.
    if code not in (0, 1, 3):
        raise SystemExit(f"{argv} exited {code}")
    if timed:
        with open(TIMES) as f:
            user, system, rss = f.read().split()[-3:]
        return wall, float(user) + float(system), int(rss)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss

# Warm the page cache, then alternate the tools run after run.
shutil.rmtree(extracted, ignore_errors=True)
run(["sh", "-c", f"find {corpus} {published_dir} {one_line_dir} -type f -print0 | xargs -0 cat"])
results = {name: [] for name, _, _ in tools}
for r in range(runs):
    for k, (name, argv, _) in enumerate(tools):
        # `xxgk extract` writes into a new folder every run (see XXGK_BENCH_EXTRACTED).
        os.environ["XXGK_BENCH_RUN"] = f"run-{r + 1}-{k}"
        results[name].append(run(argv))
        print(f"run {r + 1}/{runs}: {name}: {results[name][-1][0]:.2f} s", file=sys.stderr)

shutil.rmtree(extracted, ignore_errors=True)

def per_report(name, n):
    return statistics.median(w for w, _, _ in results[name]) / n

ratios = os.environ["EXTRACT_ONLY"] != "1"
xxgk = per_report(tools[0][0], count) if ratios else None
floor = per_report(tools[3][0], count) if ratios else None
lines = [
    "| tool | reports/s | wall (s) | CPU user+sys (s) | peak RSS (MiB) | time/report ÷ xxgk | ÷ floor |",
    "|---|---:|---:|---:|---:|---:|---:|",
]
for name, _, n in tools:
    wall = statistics.median(w for w, _, _ in results[name])
    cpu = statistics.median(c for _, c, _ in results[name])
    rss = max(m for _, _, m in results[name]) / 1024
    t = wall / n
    ratio = f"{t / xxgk:.2f} | {t / floor:.2f}" if ratios else "– | –"
    lines.append(f"| {name} | {n / wall:,.0f} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {ratio} |")
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
corpora = (f"{count:,} reports ({cjs} for check-jsonschema), {published:,} published text reports "
           "for the extraction rows" if ratios else f"{published:,} published text reports")
header = (f"{corpora}, median of {runs} runs; "
          f"{os.cpu_count()} CPUs ({cpu_model}); load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
table = header + "\n\n" + "\n".join(lines) + "\n"
print(table)
with open(f"{out}/results.md", "w") as f:
    f.write(table)
PY
