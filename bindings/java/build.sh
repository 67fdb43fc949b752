#!/usr/bin/env bash
# Builds the Java binding as build/xxgk-model.jar with plain javac and jar (no Maven needed), and
# compiles the examples against it into build/examples. Jackson comes from Debian's
# libjackson2-databind-java (/usr/share/java); set JACKSON_DIR to use other jars.
set -euo pipefail
cd "$(dirname "$0")"
jackson=${JACKSON_DIR:-/usr/share/java}
classpath="$jackson/jackson-databind.jar:$jackson/jackson-core.jar:$jackson/jackson-annotations.jar"
javac_flags=(--release 17 -encoding UTF-8 -Xlint:all -Werror)
rm -rf build
mkdir -p build/classes build/examples
javac "${javac_flags[@]}" -d build/classes -cp "$classpath" src/org/xxgk/model/*.java src/org/xxgk/model/edition*/*.java
jar --create --file build/xxgk-model.jar -C build/classes .
javac "${javac_flags[@]}" -d build/examples -cp "build/xxgk-model.jar:$classpath" examples/*.java
echo "built bindings/java/build/xxgk-model.jar; run an example with:"
echo "  java -cp bindings/java/build/xxgk-model.jar:bindings/java/build/examples:$classpath Totals examples/jingyue-2024.json"
