#!/usr/bin/env bash
# An archive spread over shards: its public and internal sides are stub
# files naming shards served by xapian-tcpsrv --writable (and local ones);
# the indexer routes each document by the hash of its id, keeps the
# unchanged-check, moves and removes documents; searches equal one local
# archive; the CGI reaches only the public shards for anonymous visitors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/shards.sh"
: "${WA_CGI:?run through ctest}"

# the corpus plus one internal canary document with unique words
SRC="$TMP/src"
mkdir -p "$SRC/geheim"
cp -r "$CORPUS"/. "$SRC/"
printf 'Die Quokkaspirale der Geschäftsstelle bleibt intern. Verwaltung und Haushalt.\n' >"$SRC/geheim/quokka.txt"
printf 'titel: Quokkatitel\nsichtbarkeit: intern\nwerkstatt: Geheimwerkstatt\n' >"$SRC/geheim/quokka.txt.meta"
CANARY='quokka|geheimwerkstatt'
FULL="$TMP/full"
"$WA_INDEX" --db "$FULL" -q add "$SRC" >/dev/null 2>&1 || { fail "indexing one archive"; finish; }

# three public shards (two remote, one local), two internal (one remote, one local)
ARCH="$TMP/sharded"
mkdir -p "$ARCH/shards" "$TMP/srv/p0" "$TMP/srv/p1" "$TMP/srv/i0"
declare -A PORT SPID
for s in p0 p1 i0; do
  PORT[$s]=$(free_port)
  serve "${PORT[$s]}" "$TMP/srv/$s" --writable && ok || fail "xapian-tcpsrv --writable for $s"
  SPID[$s]=$LASTPID
done
printf '# public shards\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\nauto shards/p2\n' \
  "${PORT[p0]}" "${PORT[p1]}" >"$ARCH/public"
printf 'remote 127.0.0.1:%s\nauto shards/i1\n' "${PORT[i0]}" >"$ARCH/internal"

expect_exit 0 "indexing into the shards" -- timeout 300 "$WA_INDEX" --db "$ARCH" add "$SRC"
n_indexed=$(grep -Eo '^[0-9]+ indexiert' "$TMP/out" | cut -d' ' -f1)
[ "${n_indexed:-0}" -gt 50 ] && ok || fail "documents indexed into the shards: ${n_indexed:-none}"
expect_exit 0 "re-adding through the shards" -- timeout 300 "$WA_INDEX" --db "$ARCH" add "$SRC"
expect_grep "the unchanged-check works over remote shards" "^0 indexiert, $n_indexed unverändert" "$TMP/out"

# ids SHARD: the ids in one shard (remote ones through a one-line stub)
shard_db() {
  case $1 in
    p2 | i1) echo "$ARCH/shards/$1" ;;
    *) echo "remote 127.0.0.1:${PORT[$1]}" >"$TMP/$1.stub"; echo "$TMP/$1.stub" ;;
  esac
}
for s in p0 p1 p2 i0 i1; do
  ids "$(shard_db $s)" --no-collapse '' | sort >"$TMP/ids-$s"
  [ -s "$TMP/ids-$s" ] && ok || fail "shard $s holds no document"
done
# the rule: public shard = wa_hash64 of the id term "Q" + id, modulo 3;
# internal shard = the same modulo 2 (docs/shards.md gives the hash)
python3 - "$TMP" <<'PY' && ok || fail "documents are not where the routing rule puts them"
import sys
t = sys.argv[1]
def fnv(s):
    h = 1469598103934665603
    for b in s.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return h
bad = []
for side, shards in (("p", ["p0", "p1", "p2"]), ("i", ["i0", "i1"])):
    for k, s in enumerate(shards):
        for i in open(f"{t}/ids-{s}").read().split():
            if fnv("Q" + i) % len(shards) != k:
                bad.append((s, i))
if bad:
    print(bad[:5], file=sys.stderr)
sys.exit(1 if bad else 0)
PY
cat "$TMP"/ids-p? | sort >"$TMP/pub-shards"
cat "$TMP"/ids-i? | sort >"$TMP/int-shards"
ids "$FULL/public" --no-collapse '' | sort >"$TMP/pub-full"
ids "$FULL/internal" --no-collapse '' | sort >"$TMP/int-full"
cmp -s "$TMP/pub-shards" "$TMP/pub-full" && ok || fail "the public shards hold other documents than one archive's public side"
cmp -s "$TMP/int-shards" "$TMP/int-full" && ok || fail "the internal shards hold other documents than one archive's internal side"
[ -z "$(comm -12 "$TMP/pub-shards" "$TMP/int-shards")" ] && ok || fail "a document in a public and an internal shard"

# members (the CLI): the sharded archive = one archive, also with a filter and on page 2
summary() {
  python3 -c '
import json, sys
d = json.load(sys.stdin)
groups = [(-round(h["score"], 9), sorted([h["id"]] + [x["id"] for x in h["duplicates"]])) for h in d["results"]]
print(json.dumps([[g for _, g in sorted(groups)], d["total"], d["facets"]], sort_keys=True))'
}
compare() {
  local desc=$1; shift
  "$WA_SEARCH" --db "$FULL" --json "$@" | summary >"$TMP/one"
  "$WA_SEARCH" --db "$ARCH" --json "$@" | summary >"$TMP/two"
  if [ -s "$TMP/one" ] && cmp -s "$TMP/one" "$TMP/two"; then ok; else
    fail "$desc: $*"; diff "$TMP/one" "$TMP/two" | cut -c1-300 | head -4 >&2; fi
}
compare "sharded = one archive" -n 1000 --facets ''
compare "sharded = one archive" -n 1000 --facets Verwaltung
compare "sharded = one archive, two words" -n 1000 --facets 'Digitalisierung Verwaltung'
compare "sharded = one archive, filtered" -n 1000 --facets --filter typ=Protokoll Verwaltung
compare "sharded = one archive, page 2" -n 5 --page 2 Verwaltung
compare "sharded = one archive, page 3 newest" -n 5 --page 3 --sort newest ''

# the web: anonymous visitors reach the public shards only
CONF="$TMP/cgi.conf"
cgi() {
  local qs=$1; shift
  env -i PATH="$PATH" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" REQUEST_METHOD=GET PATH_INFO= QUERY_STRING="$qs" \
    SCRIPT_NAME=/werkarchiv.cgi SERVER_NAME=localhost SERVER_PORT=80 \
    WERKARCHIV_CGI_CONFIG="$CONF" "$@" timeout 60 "$WA_CGI" >"$TMP/resp" 2>"$TMP/cgierr"
  python3 - "$TMP" <<'PY'
import sys
t = sys.argv[1]
h, _, b = open(t + "/resp", "rb").read().partition(b"\r\n\r\n")
open(t + "/h", "wb").write(h.replace(b"\r\n", b"\n") + b"\n")
open(t + "/b", "wb").write(b)
PY
}
web_ids() { # web_ids OUT QUERY [VAR=VALUE...]: ids and total of a JSON answer
  local out=$1 q=$2; shift 2
  cgi "q=$q&anzahl=100&format=json" "$@"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"], sorted(sorted([r["id"]] + [x["id"] for x in r["duplicates"]]) for r in d["results"]))' \
    "$TMP/b" >"$out" 2>/dev/null || echo "no JSON: $(head -c 200 "$TMP/b")" >"$out"
}
for q in "" Verwaltung Haushalt; do
  printf 'archive = %s\nmembers = anna\n' "$FULL" >"$CONF"
  web_ids "$TMP/w1" "$q"
  web_ids "$TMP/m1" "$q" REMOTE_USER=anna
  printf 'archive = %s\nmembers = anna\n' "$ARCH" >"$CONF"
  web_ids "$TMP/w2" "$q"
  expect_no_grep "anonymous, sharded ('$q'): no internal document" "$CANARY" "$TMP/b"
  web_ids "$TMP/m2" "$q" REMOTE_USER=anna
  cmp -s "$TMP/w1" "$TMP/w2" && ok || fail "anonymous: public shards = public archive ('$q'): $(cat "$TMP/w1") / $(cat "$TMP/w2")"
  cmp -s "$TMP/m1" "$TMP/m2" && ok || fail "member: all shards = whole archive ('$q')"
done
expect_grep "the member reaches the internal shards" 'geheim/quokka.txt' "$TMP/m2"
cgi "q=Quokkaspirale&format=json"
expect_no_grep "anonymous: the canary word finds nothing" "$CANARY" "$TMP/b"
expect_grep "anonymous: the canary word finds nothing" '"total": *0' "$TMP/b"
# stub files: the CGI cannot see the remote commits, so no ETag (and no 304)
cgi "q=Verwaltung"
expect_no_grep "no ETag with shards" '^ETag:' "$TMP/h"
expect_grep "still cacheable for a minute" '^Cache-Control: max-age=60' "$TMP/h"
# several archives in the configuration are searched as one
printf 'archive = %s\narchive = %s\n' "$ARCH" "$FULL" >"$CONF"
cgi "q=&anzahl=0&format=json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["total"] < 1)' "$TMP/b" && ok ||
  fail "two archive lines: $(head -c 200 "$TMP/b")"
# a local dictionary: "Meinten Sie" from the public side only for anonymous visitors
printf 'archive = %s\ndictionary = %s\nmembers = anna\n' "$ARCH" "$FULL" >"$CONF"
cgi "q=Protokol&format=json"
expect_grep "Meinten Sie over shards with a dictionary" '"suggestion": *"Protokoll"' "$TMP/b"
cgi "q=Quokkaspirle&format=json"
expect_no_grep "the dictionary gives anonymous visitors no internal word" "$CANARY" "$TMP/b"
cgi "q=Quokkaspirle&format=json" REMOTE_USER=anna
expect_grep "members get internal words from the dictionary" '"suggestion": *"Quokkaspirale"' "$TMP/b"
printf 'archive = %s\ndictionary = %s/nowhere\n' "$ARCH" "$TMP" >"$CONF"
cgi "q=Verwaltung"
expect_grep "a missing dictionary: 503" '^Status: 503' "$TMP/h"

# a visibility change moves the document between the sides' shards
MOVE=chatbot-community/2021-03-protokoll-sitzung.txt
printf 'sichtbarkeit: intern\n' >>"$SRC/$MOVE.meta"
expect_exit 0 "re-adding after a visibility change" -- timeout 300 "$WA_INDEX" --db "$ARCH" add "$SRC"
for s in p0 p1 p2 i0 i1; do ids "$(shard_db $s)" --no-collapse '' >"$TMP/now-$s"; done
! cat "$TMP"/now-p? | grep -qx "$MOVE" && ok || fail "the moved document is still in a public shard"
[ "$(cat "$TMP"/now-i? | grep -cx "$MOVE")" = 1 ] && ok || fail "the moved document is not in exactly one internal shard"
# a vanished file leaves its shard
rm "$SRC/geheim/quokka.txt" "$SRC/geheim/quokka.txt.meta"
expect_exit 0 "sync through the shards" -- timeout 300 "$WA_INDEX" --db "$ARCH" sync "$SRC"
expect_exit 1 "the vanished document is gone" -- "$WA_SEARCH" --db "$ARCH" Quokkaspirale

# a writable shard that is down: a clear error at once, no hang
stop_server "${SPID[p1]}"
printf 'Neu.\n' >"$SRC/neu.txt"
expect_exit 2 "indexing with a shard down" -- timeout 60 "$WA_INDEX" --db "$ARCH" add "$SRC"
expect_grep "the unreachable shard is named" 'nicht erreichbar' "$TMP/err"
expect_no_grep "no English exception names" 'NetworkError' "$TMP/err"
# and the web answers 503 with the German page, not a hang or partial results
printf 'archive = %s\n' "$ARCH" >"$CONF"
cgi "q=Verwaltung"
expect_grep "a public shard down: 503" '^Status: 503' "$TMP/h"
expect_grep "a public shard down: the German page" 'nicht verfügbar' "$TMP/b"
finish
