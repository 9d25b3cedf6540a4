#!/bin/bash
# The content check of one changed article with and without git's list of changed files, in one
# working tree, alternated (docs/adr/034):
#   CONTENT_DIR=/tmp/corpus1m bash scripts/bench/bench-check-git.sh [rounds]
# CONTENT_DIR must be a git repository the check has run on once. Each round:
#   listed: an article edited and not committed (the work tree is no commit's: every file is
#           listed and asked for its stat, the tenth pass's check);
#   (the edit committed and checked again, listing every file: the last run was of no commit);
#   git:    an article edited and committed (only the files git names since the last run).
# Printed: the whole process's wall time (git status, Node's start) and the check's own figure.
set -euo pipefail
rounds=${1:-3}
: "${CONTENT_DIR:?a git repository of content, e.g. CONTENT_DIR=/tmp/corpus1m}"
file=$(find "$CONTENT_DIR/articles" -name '*.md' -print -quit)
commit() { git -C "$CONTENT_DIR" -c user.name=bench -c user.email=bench@example.com commit -qam "bench $1"; }
check() {
  local started line
  started=$(date +%s.%N)
  line=$(npx tsx scripts/build/content-check.ts --quiet 2>&1 | grep '内容检查 content check: [0-9]' || true)
  printf '%s %s s (load %s): %s\n' "$1" "$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")" \
    "$(cut -d' ' -f1 /proc/loadavg)" "${line#*: }"
}
for round in $(seq "$rounds"); do
  printf '\n追加一段。\n' >> "$file"
  sleep 4
  check "$round listed"
  commit "$round"
  check "$round (again)" > /dev/null
  printf '\n追加一段。\n' >> "$file"
  commit "$round git"
  check "$round git"
done
