#!/usr/bin/env bash
# A load test of the search page under lighttpd on loopback: a bounded number
# of concurrent clients for a bounded number of requests while the indexer
# adds documents and commits. Every answer must be 200 with a results page
# (no 5xx, no half-written state); reports requests per second and latency
# percentiles. Slow: a few thousand CGI processes.
. "$(dirname "$0")/lib.sh"
: "${WA_CGI:?run through ctest}"
if ! command -v lighttpd >/dev/null; then
  echo "missing: lighttpd (scripts/test.sh installs it)" >&2
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi
CLIENTS=${WA_LOAD_CLIENTS:-8}
REQUESTS=${WA_LOAD_REQUESTS:-600}

SRC="$TMP/src"
DB="$TMP/archive"
mkdir -p "$SRC/basis" "$SRC/neu"
cp -r "$CORPUS"/. "$SRC/basis/"
"$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>"$TMP/err" || { fail "indexing the corpus"; finish; }
python3 - "$SRC/neu" <<'PY'
import sys
for i in range(3000):
    with open("%s/notiz-%05d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Notiz %05d zur Verwaltung\n\nDie Gemeinde berät über Chatbot und Datenschutz. %s\n"
                % (i, "Haushalt und Satzung. " * 30))
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
setsid "$WA_SOURCE_DIR/scripts/serve.sh" --port "$port" --archive "$DB" \
  --build "$(dirname "$(dirname "$WA_CGI")")" --state "$TMP/serve" >"$TMP/serve.log" 2>&1 &
server=$!
indexer=
trap 'kill -- -$server 2>/dev/null; [ -n "$indexer" ] && kill -- -$indexer 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/werkarchiv.css" && break
  sleep 0.2
done
curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/werkarchiv.cgi/?q=Chatbot" >"$TMP/first"
[ "$(cat "$TMP/first")" = 200 ] && ok || { fail "the server does not answer ($(cat "$TMP/first"))"; cat "$TMP/serve.log" >&2; finish; }

# the indexer runs in a loop of runs beside the load (each commits every 500)
# as a cron job would: the bulk add of 3000 documents (a commit every 500),
# then every second a sync that removes 10 files or an add that brings them back.
# (Glass keeps the revision a reader holds until the second commit after it;
# a search that outlives two commits is searched again, WA_READ_ATTEMPTS times.)
(
  mkdir -p "$TMP/aside"
  while [ ! -e "$TMP/stop" ]; do
    "$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>>"$TMP/index.err"
    echo "add $?" >>"$TMP/index.rc"
    sleep 1
    mv "$SRC/neu/notiz-0000"* "$TMP/aside/"
    "$WA_INDEX" --db "$DB" -q sync "$SRC" >/dev/null 2>>"$TMP/index.err"
    echo "sync $?" >>"$TMP/index.rc"
    mv "$TMP/aside/"* "$SRC/neu/"
    touch "$SRC"/neu/notiz-0000*
    sleep 1
  done
) &
indexer=$!

python3 - "$port" "$CLIENTS" "$REQUESTS" >"$TMP/load.out" <<'PY'
import concurrent.futures, sys, time, urllib.error, urllib.request
port, clients, total = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
queries = ["q=Chatbot", "q=Verwaltung&seite=2", "q=Datenschutz&filter=typ%3DProtokoll",
           "q=Gemeinde+Haushalt", "q=Notiz&sortierung=neueste", "q=verwalt*", "q=Chatbot&format=json"]
def one(i):
    url = "http://127.0.0.1:%d/werkarchiv.cgi/?%s" % (port, queries[i % len(queries)])
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    except Exception as e:
        status, body = "error %s" % type(e).__name__, b""
    ok = status == 200 and (b"Treffer" in body or b'"results"' in body)
    return ok, status, time.monotonic() - t0
t0 = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(clients) as ex:
    res = list(ex.map(one, range(total)))
wall = time.monotonic() - t0
lat = sorted(r[2] for r in res)
bad = [r[1] for r in res if not r[0]]
pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000
print("requests %d clients %d errors %d rps %.1f p50 %.0f ms p95 %.0f ms p99 %.0f ms max %.0f ms"
      % (total, clients, len(bad), total / wall, pct(50), pct(95), pct(99), lat[-1] * 1000))
for s in sorted(set(map(str, bad)))[:5]:
    print("bad status:", s)
PY
touch "$TMP/stop"
wait "$indexer" 2>/dev/null
indexer=
cat "$TMP/load.out" >&2
grep -q "^requests $REQUESTS clients $CLIENTS errors 0 " "$TMP/load.out" && ok || fail "load test: not every request answered 200 with results"
runs=$(wc -l <"$TMP/index.rc")
[ "$runs" -gt 0 ] && ! grep -qv ' 0$' "$TMP/index.rc" && ok || {
  fail "the indexer failed during the load"; sort "$TMP/index.rc" | uniq -c >&2; head -5 "$TMP/index.err" >&2; }
echo "note: $runs indexer runs during the load" >&2
finish
