#!/usr/bin/env bash
# Reproduces the build numbers in docs/benchmarks.md:
#   bash scripts/bench/bench-build.sh 1000 [10000 ...]
# For each size: a deterministic corpus, then each build phase under /usr/bin/time -v
# (wall time, peak RSS), the article page's first-load JavaScript (gzipped) and HTML size.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out
mkdir -p "$out"
export NEXT_TELEMETRY_DISABLED=1

measure() { # name, command...
  local name=$1
  shift
  /usr/bin/time -v -o "$out/$name.time" "$@" > "$out/$name.log" 2>&1
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$out/$name.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$out/$name.time" | awk '{print $NF}')
  printf '| %s | %s | %s MB |\n' "$name" "$wall" "$((rss / 1024))"
}

for count in "${@:-1000}"; do
  corpus=$(mktemp -d)
  npx tsx scripts/bench/generate-articles.ts --count "$count" --out "$corpus" > /dev/null
  export CONTENT_DIR=$corpus
  rm -rf .contentlayer .next
  echo "### $count articles ($(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(node --version))"
  echo
  echo '| phase | wall | peak RSS |'
  echo '| --- | --- | --- |'
  start=$(date +%s)
  measure "content-build-$count" npx tsx scripts/build/content-build.ts
  measure "content-check-$count" npx tsx scripts/build/content-check.ts --quiet
  measure "next-build-$count" npx next build
  echo "| total | $(( $(date +%s) - start )) s | |"
  echo
  port=3190
  node node_modules/next/dist/bin/next start -H 127.0.0.1 -p $port > "$out/server-$count.log" 2>&1 &
  server=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/robots.txt" > /dev/null && break; sleep 0.2; done
  version=$(node -p "require('./.contentlayer/app/current.json').version")
  # A published article of the live version, from the catalog (ADR 027).
  slug=$(node -e "const D=require('better-sqlite3');const db=new D('.contentlayer/app/catalog.db',{readonly:true});console.log(db.prepare('SELECT a.slug FROM articles a JOIN versions v ON a.from_seq <= v.seq AND a.to_seq > v.seq WHERE v.id = ? AND a.draft = 0 LIMIT 1').pluck().get('$version'))")
  html=$(curl -s "http://127.0.0.1:$port/articles/$slug")
  js=0
  # Module scripts only: the noModule polyfill chunk is never loaded by a current browser.
  for src in $(printf '%s' "$html" | grep -o '<script[^>]*src="/_next/static/[^"]*\.js"[^>]*>' | grep -vi nomodule | grep -o '/_next/static/[^"]*\.js' | sort -u); do
    js=$((js + $(curl -s "http://127.0.0.1:$port$src" | gzip -9 | wc -c)))
  done
  echo "- article page: HTML $(printf '%s' "$html" | wc -c) bytes ($(printf '%s' "$html" | gzip -9 | wc -c) gzipped), first-load JS $((js / 1024)) KB gzipped"
  echo "- .contentlayer/app catalog: $(du -h .contentlayer/app/catalog.db | cut -f1), search segments: $(du -sh .contentlayer/app/search | cut -f1), bodies: $(du -sh .contentlayer/app/bodies | cut -f1)"
  kill "$server"
  rm -rf "$corpus"
  echo
done
