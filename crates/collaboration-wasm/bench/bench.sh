#!/usr/bin/env bash
# Node (the built pkg/) against native, in one run, on the benchmark file:
#   bash crates/collaboration-wasm/bench/bench.sh [N=200000]
# Native: `collaboration score --threads 1` (the release CLI). Node:
# scoreBatch on the same file. Prints both rates, their ratio and the µs of
# one score() in Node.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
n=${1:-200000}
bin=${COLLABORATION_BIN:-$root/target/release/collaboration}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && cargo run --quiet --release -p collaboration-tools --bin gen-batch "$n" > "$work/big.jsonl")
# The native command three times too, the median kept (bench.mjs does the same).
times=()
for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$bin" score --quiet --threads 1 --skip-invalid "$work/big.jsonl" > /dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(python3 -c "print($end - $start)")")
done
native=$(python3 -c "import statistics, sys; print($n / statistics.median(map(float, sys.argv[1:])))" "${times[@]}")
node_json=$(node "$here/bench.mjs" "$work/big.jsonl" 20000)
python3 - "$native" "$node_json" <<'PY'
import json, sys
native = float(sys.argv[1]); node = json.loads(sys.argv[2])
print(f"native (collaboration score --threads 1): {native:,.0f} responses/s")
print(f"node   (scoreBatch):                      {node['perSecond']:,.0f} responses/s")
print(f"ratio node/native: {node['perSecond'] / native:.2f}")
print(f"node score(): {node['scoreMicros']:.2f} µs per response wall clock, {node['scoreCpuMicros']:.2f} µs CPU (20 000 iterations)")
PY
