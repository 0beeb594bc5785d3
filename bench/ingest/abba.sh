#!/bin/bash
# Ingest cost of two builds side by side: bench/ingest/ingest-once.mjs from tree A and tree B in
# turn, into a fresh store each time, in ABBA order (on this machine the second run of a pair pays
# for the first one's write-back, so "A then B" every round biases B; bench/RESULTS.md).
# Usage: bench/ingest/abba.sh TREE_A TREE_B [ROUNDS=8] [CORPUS=../shared/corpus/frus/volumes]
# Each tree must be built (npm run build). Prints: round, tree, seconds, documents/s, peak RSS.
set -euo pipefail
A=$(cd "$1" && pwd); B=$(cd "$2" && pwd); ROUNDS=${3:-8}
CORPUS=$(cd "${4:-$(dirname "$0")/../../../shared/corpus/frus/volumes}" && pwd)
SCRATCH=$(mktemp -d); trap 'rm -rf "$SCRATCH"' EXIT
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="$A $B"; else order="$B $A"; fi
  for tree in $order; do
    out=$(cd "$tree" && node bench/ingest/ingest-once.mjs "$SCRATCH/$round-$(basename "$tree").db" "$CORPUS")
    echo "$round $tree $(node -e 'const r = JSON.parse(process.argv[1]); console.log(r.seconds.toFixed(2), Math.round(r.documentsPerSecond), Math.round(r.peakRssMegabytes) + " MB")' "$out") $(date -u +%H:%M:%S)"
  done
done
