#!/usr/bin/env bash
# werkarchiv-search over several databases (--db A --db B, or a Xapian stub
# file): the results are merged as if there were one archive.
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/t5-search-check.py"
check() { local desc=$1 out; shift; if out=$(python3 "$CHECK" "$@" 2>&1); then ok; else fail "$desc: $out"; fi; }

FULL="$TMP/full"
index_corpus "$FULL" || { fail "indexing the corpus"; finish; }

# split the corpus file by file (each with its sidecar) into two folders
# with the same relative paths, so that document ids stay the same
mkdir -p "$TMP/a" "$TMP/b"
i=0
(cd "$CORPUS" && find . -type f ! -name '*.meta' | sort) >"$TMP/files"
while IFS= read -r f; do
  if [ $((i % 2)) -eq 0 ]; then dest="$TMP/a"; else dest="$TMP/b"; fi
  mkdir -p "$dest/$(dirname "$f")"
  cp -p "$CORPUS/$f" "$dest/$f"
  [ -f "$CORPUS/$f.meta" ] && cp -p "$CORPUS/$f.meta" "$dest/$f.meta"
  i=$((i + 1))
done <"$TMP/files"
"$WA_INDEX" --db "$TMP/A" -q add "$TMP/a" >/dev/null 2>&1
"$WA_INDEX" --db "$TMP/B" -q add "$TMP/b" >/dev/null 2>&1
[ -d "$TMP/A/public" ] && [ -d "$TMP/B/public" ] && ok || fail "indexing the halves"

# a stub file naming the four databases
: >"$TMP/stub"
for d in "$TMP/A/public" "$TMP/A/internal" "$TMP/B/public" "$TMP/B/internal"; do
  [ -d "$d" ] && echo "auto $d" >>"$TMP/stub"
done

# hits as a set of groups (a hit with its duplicates: which copy represents a
# group of equal weight depends on the database layout), total, facets
summary() {
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([sorted(sorted([h["id"]] + [x["id"] for x in h["duplicates"]]) for h in d["results"]), d["total"], d["facets"]], sort_keys=True))'
}
for q in "" "Verwaltung" "typ:Protokoll"; do
  for c in --collapse --no-collapse; do
    "$WA_SEARCH" --db "$FULL" --json -n 1000 $c "$q" | summary >"$TMP/one"
    "$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json -n 1000 $c "$q" | summary >"$TMP/two"
    "$WA_SEARCH" --db "$TMP/stub" --json -n 1000 $c "$q" | summary >"$TMP/stubbed"
    cmp -s "$TMP/one" "$TMP/two" && ok || fail "--db A --db B = one archive ('$q' $c)"
    cmp -s "$TMP/one" "$TMP/stubbed" && ok || fail "stub file = one archive ('$q' $c)"
  done
done
# the halves really are different
n_a=$("$WA_SEARCH" --db "$TMP/A" --json -n 0 '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
n_all=$("$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json -n 0 '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$n_a" -gt 0 ] && [ "$n_a" -lt "$n_all" ] && ok || fail "half A has $n_a of $n_all"

# sorting and pages across databases
"$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json -n 1000 --sort newest '' >"$TMP/new.json"
check "newest across databases" sorted "$TMP/new.json" newest
"$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json -n 1000 '' >"$TMP/full.json"
"$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json -n 3 '' >"$TMP/p1.json"
"$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json -n 3 --page 2 '' >"$TMP/p2.json"
"$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json -n 1000 --offset 6 '' >"$TMP/rest.json"
check "pages across databases" pages "$TMP/full.json" "$TMP/p1.json" "$TMP/p2.json" "$TMP/rest.json"
# show and --similar find documents in either database
LAST=$(ids "$TMP/B" '' | sed -n '$p')
expect_exit 0 "show from the second database" -- "$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json show "$LAST"
expect_exit 0 "--similar across databases" -- "$WA_SEARCH" --db "$TMP/A" --db "$TMP/B" --json --similar "$LAST"
finish
