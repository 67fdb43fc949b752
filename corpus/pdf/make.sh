#!/usr/bin/env bash
# Prints the bundled example report (seed 003 in canonical form) as PDFs in several fonts and page
# sizes: the HTML layout of the extractor's renderer, styled, printed by headless Chromium.
# Needs: chromium, fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-uming (Debian).
# Run from the repository root: bash corpus/pdf/make.sh
set -euo pipefail
out=corpus/pdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run -q -p xxgk-render --example render -- examples/jingyue-2024.json html > "$work/report.html"
# name | font family | page size | font size
while IFS='|' read -r name family page size; do
  sed "s|</head>|<style>@page { size: $page; margin: 18mm } body { font-family: '$family'; font-size: $size } table { border-collapse: collapse } td { border: 1px solid #000; padding: 2px 4px }</style></head>|" \
    "$work/report.html" > "$work/$name.html"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$work/$name.pdf" "file://$work/$name.html" 2>/dev/null
  cp "$work/$name.pdf" "$out/$name.pdf"
done <<'LIST'
jingyue-2024-a4-zenhei|WenQuanYi Zen Hei|A4|12pt
jingyue-2024-letter-uming|AR PL UMing CN|letter|10.5pt
jingyue-2024-a5-microhei|WenQuanYi Micro Hei|A5|9pt
jingyue-2024-a4-landscape-zenhei|WenQuanYi Zen Hei|A4 landscape|11pt
LIST
# A scan: page 3 of the first PDF as a 60 dpi picture in a PDF with no text layer.
pdftoppm -r 60 -f 3 -l 3 -png "$out/jingyue-2024-a4-zenhei.pdf" "$work/scan"
echo "<html><body style='margin:0'><img src='scan-3.png' style='width:100%'></body></html>" > "$work/scan.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$out/scanned-no-text-layer.pdf" "file://$work/scan.html" 2>/dev/null
