#!/usr/bin/env bash
# Installs, quietly and pinned, the ecosystem's validators that `cargo test -p xxgk-conformance`
# runs on the schema-only conformance cases: Python's jsonschema (requirements.txt) in a fresh
# virtual environment, target/ecosystem/venv, and ajv + ajv-formats (package-lock.json) in
# conformance/ecosystem/node_modules. Node and Python come from bindings/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m venv --clear target/ecosystem/venv
target/ecosystem/venv/bin/pip install --quiet --disable-pip-version-check -r conformance/ecosystem/requirements.txt
(cd conformance/ecosystem && npm ci --silent --no-audit --no-fund)
