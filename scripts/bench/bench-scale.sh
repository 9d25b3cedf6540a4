#!/usr/bin/env bash
# Reproduces the scale table of docs/benchmarks.md (issue 16):
#   bash scripts/bench/bench-scale.sh 10000 [50000 100000 ...]
# For each size: a corpus in /tmp/corpus<N> (generated once, reused), then from a cold start
# each build phase with its wall time and the peak memory of its whole process tree
# (scripts/bench/measure.ts), the content build again after one corrected article, after nothing,
# and with a cold cache over the warm output; then the server (scripts/bench/bench-scale-server.ts).
# Every row carries the load average at its start: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1
measure() { npx tsx scripts/bench/measure.ts "$@"; }

for count in "${@:-10000}"; do
  corpus=/tmp/corpus$count
  [ -d "$corpus" ] || npx tsx scripts/bench/generate-articles.ts --count "$count" --out "$corpus" > /dev/null
  # Start from what the generator wrote, also after a run that corrected an article.
  git -C "$corpus" checkout -q -- . 2> /dev/null || true
  export CONTENT_DIR=$corpus
  rm -rf .contentlayer .next
  echo "### $count articles ($(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(node --version))"
  echo
  echo '| phase | wall | peak RSS (process tree) | load at start |'
  echo '| --- | --- | --- | --- |'
  start=$(date +%s)
  measure "content-check-$count" npx tsx scripts/build/content-check.ts --quiet
  measure "content-build-$count" npx tsx scripts/build/content-build.ts
  measure "next-build-$count" npx next build
  echo "| **full build** | $(( $(date +%s) - start )) s | | |"
  measure "content-build-unchanged-$count" npx tsx scripts/build/content-build.ts
  article=$(find "$corpus/articles" -name '*.md' -print -quit)
  cp "$article" /tmp/bench-scale-article.md
  sed -i 's/^title: "\(.*\)"$/title: "\1（更正）"/' "$article"
  measure "content-build-one-change-$count" npx tsx scripts/build/content-build.ts
  cp /tmp/bench-scale-article.md "$article"
  grep -o '[0-9]* parsed, [0-9]* from the cache' "bench/out/content-build-one-change-$count.log" | sed 's/^/  /'
  echo
  echo "- output: $(du -sh .contentlayer/app/bodies | cut -f1) of bodies, version: $(du -sh .contentlayer/app/versions/"$(node -p "require('./.contentlayer/app/current.json').version")" | cut -f1) (catalog $(du -h .contentlayer/app/catalog.db | cut -f1), search segments $(du -sh .contentlayer/app/search | cut -f1)), build cache $(du -sh .contentlayer/cache | cut -f1)"
  echo
  npx tsx scripts/bench/bench-scale-server.ts
  echo
done
