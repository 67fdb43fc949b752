#!/usr/bin/env bash
# Installs, quietly and pinned, the validators that `cargo test -p xxgk-cli --test ecosystem` runs
# on xxgk's SARIF and JUnit output: Microsoft's SARIF Multitool (package-lock.json) in
# crates/xxgk-cli/tests/ecosystem/node_modules, and libxml2's xmllint for the JUnit schema
# (junit-10.xsd, committed here). Node comes from bindings/setup.sh.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v xmllint >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi
npm ci --silent --no-audit --no-fund
# The platform package's own install script only marks its binary executable.
for binary in node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool; do
  [ -e "$binary" ] && chmod u+x "$binary"
done
