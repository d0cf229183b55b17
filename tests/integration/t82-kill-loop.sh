#!/usr/bin/env bash
# kill -9 of the indexer at random points, in a loop of runs: after every
# kill Xapian's check passes, the archive holds a committed state (whole
# batches of 500 documents, never fewer than before, every stored record
# intact), the lock is free and the next run completes. Searches (CLI and
# CGI) run all the while and every one succeeds. Slow: several indexing runs.
. "$(dirname "$0")/lib.sh"
: "${WA_CGI:?run through ctest}"
command -v xapian-check >/dev/null || { echo "skip: xapian-check missing (xapian-tools)"; exit 77; }

RUNS=${WA_KILL_RUNS:-6}
N=2000 # files; the indexer commits every 500 documents
SRC="$TMP/src"
DB="$TMP/archive"
mkdir -p "$SRC/basis" "$SRC/viele"
printf 'Grundbestand des Archivs vor allen Abbrüchen.\n' >"$SRC/basis/grundbestand.txt"
# an old mtime: a file written in the second it is indexed gets a second look
# in the next run (racily clean), which would be a change in a batch
touch -d '2 days ago' "$SRC/basis/grundbestand.txt"
"$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>"$TMP/err" || { fail "first run"; finish; }
python3 - "$SRC/viele" "$N" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open("%s/dokument-%05d.txt" % (d, i), "w") as f:
        f.write("Dokument %05d über Verwaltung\n\nEinzelwort%05dx steht nur hier. %s\n"
                % (i, i, "Die Gemeinde berät über Haushalt und Satzung. " * 20))
PY
touch -d '1 day ago' "$SRC"/viele/*

# searches in the background until $TMP/stop exists: every one must succeed
CONF="$TMP/cgi.conf"
printf 'archive = %s\n' "$DB" >"$CONF"
searcher() {
  local n=0
  while [ ! -e "$TMP/stop" ] && [ "$n" -lt 5000 ]; do
    n=$((n + 1))
    timeout 30 "$WA_SEARCH" --db "$DB" -n 3 Grundbestand >/dev/null 2>"$TMP/search.err"
    echo "cli $?" >>"$TMP/searches"
    env -i REQUEST_METHOD=GET PATH_INFO=/ QUERY_STRING=q=Grundbestand SCRIPT_NAME=/w.cgi \
      SERVER_NAME=localhost SERVER_PORT=80 WERKARCHIV_CGI_CONFIG="$CONF" timeout 30 "$WA_CGI" \
      2>/dev/null | head -1 | tr -d '\r' | sed 's/^/cgi /' >>"$TMP/searches"
  done
}
searcher &
spid=$!
trap 'touch "$TMP/stop"; kill "$spid" 2>/dev/null; rm -rf "$TMP"' EXIT

# count: documents in the archive (members see both databases)
count() {
  "$WA_SEARCH" --db "$DB" --json -n 0 '' 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'
}
# intact: every stored record of the archive has the title its file gives
intact() {
  "$WA_SEARCH" --db "$DB" --json -n 10000 --no-collapse '' 2>/dev/null | python3 -c '
import json, re, sys
d = json.load(sys.stdin)
bad = [r["id"] for r in d["results"] if r["id"].startswith("viele/") and
       r["title"] != "Dokument %s über Verwaltung" % re.search(r"(\d{5})", r["id"]).group(1)]
assert len(d["results"]) == d["total"], "page short"
sys.exit(1 if bad else 0)'
}
check_db() { # check_db DESCRIPTION: xapian-check of every database of the archive
  local d
  for d in "$DB"/*/; do
    [ -e "$d/iamglass" ] || continue
    xapian-check "$d" >"$TMP/check.out" 2>&1 && ok || { fail "$1: xapian-check $(basename "$d")"; tail -5 "$TMP/check.out" >&2; }
  done
}

prev=$(count)
[ "$prev" -eq 1 ] && ok || fail "the first run holds one document, not $prev"
for run in $(seq 1 "$RUNS"); do
  setsid "$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>"$TMP/run.err" &
  pid=$!
  # a random point: 0.2 to 3.2 s into the run
  sleep "$((RANDOM % 4)).$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # the workers notice their parent is gone; anything left is ended
  for _ in $(seq 1 50); do pgrep -g "$pid" >/dev/null || break; sleep 0.1; done
  if pgrep -g "$pid" >/dev/null; then fail "run $run: workers outlived the indexer"; kill -9 -- "-$pid" 2>/dev/null; else ok; fi
  check_db "run $run"
  now=$(count)
  # a committed state: the first document plus whole batches, or everything
  if [ "$now" -ge "$prev" ] && { [ $(((now - 1) % 500)) -eq 0 ] || [ "$now" -eq $((N + 1)) ]; }; then ok; else
    fail "run $run: $now documents after the kill (before: $prev; batches of 500)"; fi
  intact && ok || fail "run $run: a stored record is damaged"
  prev=$now
done

# the next run completes and the archive is whole
expect_exit 0 "the run after the kills" -- timeout 600 "$WA_INDEX" --db "$DB" -q add "$SRC"
check_db "after the last run"
[ "$(count)" -eq $((N + 1)) ] && ok || fail "after the last run: $(count) documents, expected $((N + 1))"
intact && ok || fail "after the last run: a stored record is damaged"
for i in 00000 00499 00500 01234 01999; do
  [ "$(ids "$DB" "Einzelwort${i}x")" = "viele/dokument-$i.txt" ] && ok || fail "document $i not found"
done

touch "$TMP/stop"
wait "$spid"
total=$(wc -l <"$TMP/searches")
good=$(grep -c -E '^(cli 0|cgi Status: 200 OK)$' "$TMP/searches")
[ "$total" -gt 0 ] && [ "$good" -eq "$total" ] && ok || {
  fail "searches during indexing: $good of $total succeeded"; sort "$TMP/searches" | uniq -c >&2; }
echo "note: $RUNS kills, $total searches during indexing" >&2
finish
