#!/usr/bin/env bash
# Builds the libFuzzer targets (swiftc -sanitize=fuzzer,address) into OUT (default
# /tmp/authconsole-fuzz): AuthCore as an instrumented static library, then one binary per target.
# Usage: Tests/Fuzz/build.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-/tmp/authconsole-fuzz}
mkdir -p "$OUT/lib"
SAN="-sanitize=fuzzer,address"
INC=(-I Sources/CSQLite -I Sources/CLibPQ -Xcc -I/usr/include/postgresql)
mapfile -t core < <(find Sources/AuthCore -name '*.swift' | sort)
lib="$OUT/lib/libAuthCore.a"
if [ -f "$lib" ] && [ -z "$(find Sources/AuthCore -name '*.swift' -newer "$lib" | head -n 1)" ]; then
  echo "fuzz build: AuthCore up to date"
else
echo "fuzz build: AuthCore (${#core[@]} files)"
nice swiftc -parse-as-library -emit-library -static -emit-module -enable-testing -O $SAN \
  -module-name AuthCore "${INC[@]}" "${core[@]}" \
  -emit-module-path "$OUT/lib/AuthCore.swiftmodule" -o "$lib"
fi
cli=(Sources/authconsole/CLI/ArgumentParser.swift Sources/authconsole/CLI/CommandSpec.swift)
for target in Tests/Fuzz/targets/*.swift; do
  name=$(basename "$target" .swift)
  extra=()
  [ "$name" = "arguments" ] && extra=("${cli[@]}")
  case $name in settings|urls) extra=(Tests/Fuzz/support/FuzzProject.swift) ;; esac
  echo "fuzz build: $name"; rm -f "$OUT/$name"
  nice swiftc -parse-as-library -O $SAN -module-name "Fuzz_$name" "${INC[@]}" -I "$OUT/lib" \
    "$target" "${extra[@]}" -L "$OUT/lib" -lAuthCore -lsqlite3 -lpq -o "$OUT/$name" 2>&1 | grep -v "Cannot export local symbol" || true
  [ -x "$OUT/$name" ] || { echo "fuzz build: $name failed" >&2; exit 1; }
done
echo "fuzz build: done in $OUT"
