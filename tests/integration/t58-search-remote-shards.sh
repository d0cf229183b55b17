#!/usr/bin/env bash
# Shards served by the stock xapian-tcpsrv on loopback: merged results equal
# one local archive, anonymous searches reach only public shards, the indexer
# writes through a writable remote shard, and a shard going down gives a
# clear German error within a timeout.
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/t5-search-check.py"
check() { local desc=$1 out; shift; if out=$(python3 "$CHECK" "$@" 2>&1); then ok; else fail "$desc: $out"; fi; }

. "$(dirname "$0")/shards.sh"

FULL="$TMP/full"
index_corpus "$FULL" || { fail "indexing the corpus"; finish; }

# three shards: the corpus file by file (each with its sidecar), same relative
# paths, so that document ids stay the same
i=0
(cd "$CORPUS" && find . -type f ! -name '*.meta' | sort) >"$TMP/files"
while IFS= read -r f; do
  dest="$TMP/part$((i % 3))"
  mkdir -p "$dest/$(dirname "$f")"
  cp -p "$CORPUS/$f" "$dest/$f"
  [ -f "$CORPUS/$f.meta" ] && cp -p "$CORPUS/$f.meta" "$dest/$f.meta"
  i=$((i + 1))
done <"$TMP/files"
for k in 0 1 2; do
  "$WA_INDEX" --db "$TMP/S$k" -q add "$TMP/part$k" >/dev/null 2>&1
done
[ -d "$TMP/S0/public" ] && [ -d "$TMP/S1/public" ] && [ -d "$TMP/S2/public" ] && ok ||
  fail "indexing the shards"

# the public databases of the shards remote, the internal ones local
: >"$TMP/members.stub"
: >"$TMP/public.stub"
: >"$TMP/local.stub" # the same databases, all local, in the same order
for k in 0 1 2; do
  port=$(free_port)
  PORT[$k]=$port
  if serve "$port" "$TMP/S$k/public"; then ok; else fail "xapian-tcpsrv for shard $k"; fi
  PID[$k]=$LASTPID
  echo "remote 127.0.0.1:$port" >>"$TMP/public.stub"
  echo "remote 127.0.0.1:$port" >>"$TMP/members.stub"
  echo "auto $TMP/S$k/public" >>"$TMP/local.stub"
done
for k in 0 1 2; do
  [ -d "$TMP/S$k/internal" ] && echo "auto $TMP/S$k/internal" | tee -a "$TMP/local.stub" >>"$TMP/members.stub"
done
grep -q auto "$TMP/members.stub" && ok || fail "no internal documents in the shards: a weak test"

# Hits in order as groups of equal texts (which copy represents a group, and
# the order of equal scores, follow the database layout), total, facets,
# suggestion, relaxation.
summary() {
  python3 -c '
import json, sys
d = json.load(sys.stdin)
groups = [(h["rank"] if sys.argv[1] == "sorted" else 0, -round(h["score"], 9),
           sorted([h["id"]] + [x["id"] for x in h["duplicates"]])) for h in d["results"]]
print(json.dumps([[g for _, _, g in sorted(groups)], d["total"], d["facets"], d["suggestion"],
                  d["relaxed"]], sort_keys=True))' "${1:-}"
}
# compare DESC ONE TWO ARGS...: the same search on two databases gives the same summary
compare() {
  local desc=$1 a=$2 b=$3; shift 3
  "$WA_SEARCH" --db "$a" --json -n 1000 "$@" | summary >"$TMP/one"
  "$WA_SEARCH" --db "$b" --json -n 1000 "$@" | summary >"$TMP/two"
  if [ -s "$TMP/one" ] && cmp -s "$TMP/one" "$TMP/two"; then ok; else
    fail "$desc: $*"; diff "$TMP/one" "$TMP/two" | cut -c1-300 | head -4 >&2; fi
}

# members: three remote shards and three local ones = one local archive
for q in "" "Verwaltung" "typ:Protokoll" "Digitalisierung Verwaltung" "werkstatt:\"Künstliche Intelligenz\"" \
  "Cloud ODER Chatbot"; do
  for c in --collapse --no-collapse; do
    compare "remote shards = one archive ('$q' $c)" "$FULL" "$TMP/members.stub" --facets $c "$q"
  done
done
# The weights of a relaxed many-word query depend on how the documents are
# spread over databases, local or remote alike: remote shards = the same
# databases opened locally, to the last score.
for q in "Chatbot Barrierefreiheit Haushaltsentwurf Personalrat" "Verwaltung" ""; do
  for c in --collapse --no-collapse; do
    compare "remote shards = the same databases local ('$q' $c)" "$TMP/local.stub" "$TMP/members.stub" --facets $c "$q"
    "$WA_SEARCH" --db "$TMP/local.stub" --json -n 1000 $c "$q" |
      python3 -c 'import json,sys; print([(h["id"], h["score"]) for h in json.load(sys.stdin)["results"]])' >"$TMP/one"
    "$WA_SEARCH" --db "$TMP/members.stub" --json -n 1000 $c "$q" |
      python3 -c 'import json,sys; print([(h["id"], h["score"]) for h in json.load(sys.stdin)["results"]])' >"$TMP/two"
    cmp -s "$TMP/one" "$TMP/two" && ok || fail "remote shards: same ids in the same order as local ('$q' $c)"
  done
done
# repeated --db: remote shards and local databases mixed on the command line
# equal one archive, on the first page and on page 2
set -- $(for k in 0 1 2; do echo "--db $TMP/S$k/internal"; done)
: >"$TMP/remote-only.stub"
for k in 0 1 2; do echo "remote 127.0.0.1:${PORT[$k]}" >>"$TMP/remote-only.stub"; done
for args in "Verwaltung" "-n 5 --page 2 Verwaltung" "-n 3 --page 3 --sort newest Protokoll" \
  "--filter typ=Protokoll Sitzung" "-n 4 --page 2 Digitalisierung Verwaltung"; do
  # shellcheck disable=SC2086
  "$WA_SEARCH" --db "$FULL" --json $args | summary >"$TMP/one"
  # shellcheck disable=SC2086
  "$WA_SEARCH" --db "$TMP/remote-only.stub" "$@" --json $args | summary >"$TMP/two"
  [ -s "$TMP/one" ] && cmp -s "$TMP/one" "$TMP/two" && ok || fail "repeated --db, local and remote = one archive ($args)"
done
set --
# the many-word query above is relaxed to any word on both
"$WA_SEARCH" --db "$TMP/members.stub" --json 'Chatbot Barrierefreiheit Haushaltsentwurf Personalrat' >"$TMP/relaxed.json"
expect_grep "relaxed across shards" '"relaxed": *true' "$TMP/relaxed.json"

# sorting: the same order of dates, undated documents last
for s in newest oldest; do
  "$WA_SEARCH" --db "$TMP/members.stub" --json -n 1000 --sort $s '' >"$TMP/$s.json"
  check "$s across remote shards" sorted "$TMP/$s.json" $s
  "$WA_SEARCH" --db "$FULL" --json -n 1000 --sort $s '' >"$TMP/$s-full.json"
  python3 -c 'import json,sys; f=lambda p:[(h.get("date") or "") for h in json.load(open(p))["results"]]; sys.exit(f(sys.argv[1])!=f(sys.argv[2]))' \
    "$TMP/$s.json" "$TMP/$s-full.json" && ok || fail "dates in $s order differ from one archive"
done
# pages across shards, in every order
for s in relevance newest oldest; do
  "$WA_SEARCH" --db "$TMP/members.stub" --json -n 1000 --sort $s '' >"$TMP/all.json"
  "$WA_SEARCH" --db "$TMP/members.stub" --json -n 4 --sort $s '' >"$TMP/p1.json"
  "$WA_SEARCH" --db "$TMP/members.stub" --json -n 4 --page 2 --sort $s '' >"$TMP/p2.json"
  "$WA_SEARCH" --db "$TMP/members.stub" --json -n 1000 --offset 8 --sort $s '' >"$TMP/rest.json"
  check "pages across remote shards ($s)" pages "$TMP/all.json" "$TMP/p1.json" "$TMP/p2.json" "$TMP/rest.json"
done
# duplicate folding: each group of equal texts is one hit listing the others
check "duplicates across remote shards" duplicates "$TMP/members.stub"
# snippets come from the stored text, wherever the document lives: the same
# passage for each document as from one archive
"$WA_SEARCH" --db "$TMP/members.stub" --json -n 20 Verwaltung >"$TMP/snip-remote.json"
"$WA_SEARCH" --db "$FULL" --json -n 20 Verwaltung >"$TMP/snip-full.json"
python3 -c '
import json, sys
f = lambda p: {h["id"]: h["snippet"] for h in json.load(open(p))["results"]}
a, b = f(sys.argv[1]), f(sys.argv[2])
sys.exit(not a or a != b or not any("Verwaltung" in s for s in a.values()))' \
  "$TMP/snip-remote.json" "$TMP/snip-full.json" && ok || fail "snippets across remote shards"

# spelling and synonyms: not served remotely; a local copy (here: the whole
# archive) in WERKARCHIV_DICTIONARY gives the same "Meinten Sie" and synonyms
for q in Protokol KI Sitzungsprotokol; do
  "$WA_SEARCH" --db "$FULL" --json -n 1000 "$q" | summary >"$TMP/one"
  WERKARCHIV_DICTIONARY="$FULL" "$WA_SEARCH" --db "$TMP/members.stub" --json -n 1000 "$q" | summary >"$TMP/two"
  cmp -s "$TMP/one" "$TMP/two" && ok || fail "with a local dictionary = one archive ('$q')"
done
WERKARCHIV_DICTIONARY="$FULL" "$WA_SEARCH" --db "$TMP/members.stub" --json Protokol >"$TMP/sugg.json"
expect_grep "Meinten Sie across remote shards" '"suggestion": *"Protokoll"' "$TMP/sugg.json"
expect_exit 2 "a missing dictionary is an error" -- env WERKARCHIV_DICTIONARY="$TMP/nowhere" \
  "$WA_SEARCH" --db "$TMP/members.stub" Verwaltung
expect_grep "the missing dictionary is named" "nowhere" "$TMP/err"

# public: only the public shards, equal to the public part of one archive
compare "public shards = public archive" "$FULL/public" "$TMP/public.stub" --facets ''
compare "public shards = public archive (Protokoll)" "$FULL/public" "$TMP/public.stub" --facets Protokoll
ids "$TMP/public.stub" '' | sort >"$TMP/pub.ids"
ids "$FULL/internal" '' | sort >"$TMP/int.ids"
[ -s "$TMP/int.ids" ] && [ -z "$(comm -12 "$TMP/pub.ids" "$TMP/int.ids")" ] && ok ||
  fail "an internal document reached the public shards"

# writing through a writable remote shard
WPORT=$(free_port)
mkdir -p "$TMP/wshard" "$TMP/remote-archive" "$TMP/new"
serve "$WPORT" "$TMP/wshard" --writable && ok || fail "xapian-tcpsrv --writable"
WPID=$LASTPID
echo "remote 127.0.0.1:$WPORT" >"$TMP/remote-archive/public"
printf 'Die Werkstatt Fernwartung traf sich zur Sitzung über Glasfaserausbau.\n' >"$TMP/new/fern.txt"
printf 'titel: Fernwartungsprotokoll\nsichtbarkeit: öffentlich\n' >"$TMP/new/fern.txt.meta"
expect_exit 0 "indexing into a remote shard" -- "$WA_INDEX" --db "$TMP/remote-archive" add "$TMP/new"
expect_exit 0 "the document is found through the shard" -- "$WA_SEARCH" --db "$TMP/remote-archive/public" --json Glasfaserausbau
expect_grep "the remote shard holds it" '"fern.txt"' "$TMP/out"
expect_exit 0 "re-adding is incremental through the shard" -- "$WA_INDEX" --db "$TMP/remote-archive" add "$TMP/new"
expect_grep "nothing new" '0 indexiert, 1 unverändert' "$TMP/out"
kill "$WPID"; wait "$WPID" 2>/dev/null
# the server's own database has the document
expect_exit 0 "the shard's database holds it" -- "$WA_SEARCH" --db "$TMP/wshard" --json Glasfaserausbau
expect_grep "the shard's database holds it" '"fern.txt"' "$TMP/out"

# a shard that hangs: a clear German error within Xapian's 10 s timeout, no hang
kill -STOP "${PID[1]}"
expect_exit 2 "a hanging shard" -- timeout 60 "$WA_SEARCH" --db "$TMP/members.stub" Verwaltung
expect_grep "a hanging shard is named" 'Suchserver des Archivs antwortet nicht' "$TMP/err"
kill -CONT "${PID[1]}"
# a shard that is down: at once
kill "${PID[1]}"; wait "${PID[1]}" 2>/dev/null
expect_exit 2 "a shard down" -- timeout 60 "$WA_SEARCH" --db "$TMP/members.stub" Verwaltung
expect_grep "a shard down is named" 'Suchserver des Archivs ist nicht erreichbar' "$TMP/err"
expect_no_grep "no English exception names" 'NetworkError' "$TMP/err"
finish
