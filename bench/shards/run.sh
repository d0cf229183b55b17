#!/usr/bin/env bash
# Shard benchmark: query latency and throughput over 1, 2 and 4 shards
# served by xapian-tcpsrv on loopback, against one local database, all
# holding the same N generated documents (docs/benchmarks.md).
# usage: bench/shards/run.sh BUILD_DIR [N] [ROUNDS]
# The databases are built once into $SHARD_BENCH_DIR (default on tmpfs:
# the build is not what is measured) and kept for the next run.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:?usage: bench/shards/run.sh BUILD_DIR [N] [ROUNDS]}
N=${2:-100000}
ROUNDS=${3:-5}
DIR=${SHARD_BENCH_DIR:-/dev/shm/werkarchiv-shard-bench-$N}
GEN="$BUILD/bench/wa_shard_gen"
SEARCH="$BUILD/search/werkarchiv-search"
[ -x "$GEN" ] && [ -x "$SEARCH" ] || { echo "build first: cmake --build $BUILD" >&2; exit 2; }
command -v xapian-tcpsrv >/dev/null && command -v xapian-compact >/dev/null ||
  { echo "needs xapian-tools (xapian-tcpsrv, xapian-compact)" >&2; exit 2; }

if [ ! -f "$DIR/done" ]; then
  rm -rf "$DIR"
  mkdir -p "$DIR/four" "$DIR/two" "$DIR/one"
  # the words of the sample archive, most frequent first
  python3 - corpus >"$DIR/words.txt" <<'PY'
import os, re, sys
seen = {}
for root, _, files in os.walk(sys.argv[1]):
    for f in sorted(files):
        if f.endswith((".txt", ".md")):
            try:
                text = open(os.path.join(root, f), encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            for w in re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", text):
                seen[w] = seen.get(w, 0) + 1
for w, _ in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0])):
    print(w)
PY
  # four shards, documents routed by the hash of their id as the indexer does
  printf 'auto s0\nauto s1\nauto s2\nauto s3\n' >"$DIR/four/public"
  start=$(date +%s)
  "$GEN" "$DIR/words.txt" "$DIR/four" "$N"
  echo "built $N documents into 4 shards in $(($(date +%s) - start)) s"
  # every setup compacted alike: four shards, two and one database of the same documents
  mkdir -p "$DIR/fourc"
  for k in 0 1 2 3; do xapian-compact "$DIR/four/s$k" "$DIR/fourc/s$k" >/dev/null; done
  xapian-compact -m "$DIR/four/s0" "$DIR/four/s1" "$DIR/two/t0" >/dev/null
  xapian-compact -m "$DIR/four/s2" "$DIR/four/s3" "$DIR/two/t1" >/dev/null
  xapian-compact -m "$DIR/four/s0" "$DIR/four/s1" "$DIR/four/s2" "$DIR/four/s3" "$DIR/one/db" >/dev/null
  touch "$DIR/done"
fi
echo "documents: $(xapian-delve "$DIR/one/db" | sed -n 's/^number of documents = //p'), index $(du -sh "$DIR/one/db" | cut -f1)"

# one server per shard, each in its own session, stopped on exit
SERVERS=()
trap 'for p in "${SERVERS[@]}"; do kill -- "-$p" 2>/dev/null; done; wait' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
serve() { # serve DB STUB: start a server for DB and add its line to STUB
  local p i
  p=$(port)
  setsid xapian-tcpsrv --interface 127.0.0.1 --port "$p" --quiet "$1" >/dev/null 2>&1 &
  SERVERS+=("$!")
  for i in $(seq 1 100); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1",int(sys.argv[1])),1).close()' "$p" 2>/dev/null && break
    sleep 0.1
  done
  echo "remote 127.0.0.1:$p" >>"$2"
}
: >"$DIR/r1.stub"; : >"$DIR/r2.stub"; : >"$DIR/r4.stub"
serve "$DIR/one/db" "$DIR/r1.stub"
serve "$DIR/two/t0" "$DIR/r2.stub"; serve "$DIR/two/t1" "$DIR/r2.stub"
for k in 0 1 2 3; do serve "$DIR/fourc/s$k" "$DIR/r4.stub"; done

python3 bench/shards/measure.py "$SEARCH" "$ROUNDS" "local=$DIR/one/db" "1 shard=$DIR/r1.stub" \
  "2 shards=$DIR/r2.stub" "4 shards=$DIR/r4.stub"
