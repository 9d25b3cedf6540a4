#!/bin/bash
# The content check of one changed article, two working trees alternated:
#   CONTENT_DIR=/tmp/corpus100000 bash scripts/bench/bench-check.sh /work/wt/old /work/wt/new [rounds]
# Each round appends a paragraph to one article, waits out the 3 s racy margin of the stat records
# (lib/pipeline/source-hashes.ts) so both trees trust the same records, then runs each tree's
# `content-check.ts --quiet` (each with its own build cache) and prints the time on its last line.
set -euo pipefail
a=$1 b=$2 rounds=${3:-6}
: "${CONTENT_DIR:?the corpus, e.g. CONTENT_DIR=/tmp/corpus100000}"
file=$(find "$CONTENT_DIR/articles" -name '*.md' -print -quit)
for tree in "$a" "$b"; do (cd "$tree" && npx tsx scripts/build/content-check.ts --quiet > /dev/null || true); done
for round in $(seq "$rounds"); do
  printf '\n追加一段。\n' >> "$file"
  sleep 4
  for tree in "$a" "$b"; do
    line=$(cd "$tree" && npx tsx scripts/build/content-check.ts --quiet 2>&1 | grep '内容检查 content check: [0-9]' || true)
    echo "$round $(basename "$tree") load $(cut -d' ' -f1 /proc/loadavg): ${line#*: }"
  done
done
