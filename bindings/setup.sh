#!/usr/bin/env bash
# Installs, quietly, what the bindings' tests (`cargo test -p xtask`) need: a JDK and Debian's
# Jackson for javac; node with TypeScript and lossless-json (pinned by package-lock.json) in
# bindings/typescript/node_modules; mypy and the Python binding itself in a fresh virtual
# environment, target/bindings/venv (which also proves that `pip install` of it works).
set -euo pipefail
cd "$(dirname "$0")/.."
debian_packages=()
command -v javac >/dev/null || debian_packages+=(openjdk-17-jdk-headless)
[ -e /usr/share/java/jackson-databind.jar ] || debian_packages+=(libjackson2-databind-java)
command -v npm >/dev/null || debian_packages+=(nodejs npm)
command -v python3 >/dev/null || debian_packages+=(python3 python3-venv)
if [ ${#debian_packages[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debian_packages[@]}" >/dev/null
fi
(cd bindings/typescript && npm ci --silent --no-audit --no-fund)
python3 -m venv --clear target/bindings/venv
target/bindings/venv/bin/pip install --quiet --disable-pip-version-check mypy==2.4.1 ./bindings/python
