#!/usr/bin/env bash
# The per-document caps of indexing (lib/wa_limits.h): a text beyond 16 MiB
# and a text with more than 500,000 distinct terms are indexed only up to the
# cap, reported per file (stderr, JSON warnings, the "gekürzt" count), and
# the documents beside them are indexed whole. Slow: tens of MB of text.
. "$(dirname "$0")/lib.sh"

SRC="$TMP/src"
DB="$TMP/archive"
mkdir -p "$SRC"
python3 - "$SRC" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/ueberlang.txt", "w") as f:
    f.write("Anfangsueberlang ")
    f.write("Verwaltung Sitzung Protokoll Gemeinde " * 470000)
    f.write(" Endeueberlang\n")
with open(d + "/wortflut.txt", "w") as f:
    f.write("Anfangswortflut " + " ".join("w%07x" % i for i in range(300000)) + " Endewortflut\n")
with open(d + "/normal.txt", "w") as f:
    f.write("Ein normales Dokument mit Anfangsnormal und Endenormal.\n")
PY
# the default timeout (2 x 60 + 5 s per file) leaves room for a slow machine
timeout 900 "$WA_INDEX" --db "$DB" --json add "$SRC" >"$TMP/run.json" 2>"$TMP/run.err"
rc=$?
[ "$rc" -eq 0 ] && ok || { fail "indexing: exit $rc"; sed 's/^/  | /' "$TMP/run.err" | head >&2; }
python3 - "$TMP/run.json" <<'PY' && ok || fail "JSON summary: cut 2 with both warnings"
import json, re, sys
d = json.load(open(sys.argv[1]))
w = {x["path"].rsplit("/", 1)[1]: x["warning"] for x in d["warnings"]}
assert d["cut"] == 2 and d["indexed"] == 3, d
assert re.match(r"gekürzt: nur die ersten 16\.0 MiB von 17\.\d MiB Text sind durchsuchbar \(höchstens 16 MiB je Dokument\)$", w["ueberlang.txt"]), w
assert re.match(r"gekürzt: nur die ersten .* MiB Text sind durchsuchbar \(\d+ verschiedene Wörter, höchstens 500000 je Dokument\)$", w["wortflut.txt"]), w
PY
expect_grep "stderr names the cut file" "^werkarchiv-index: warning: '.*ueberlang.txt': gekürzt: " "$TMP/run.err"
"$WA_INDEX" --db "$TMP/db2" add "$SRC" >"$TMP/text.out" 2>/dev/null
expect_grep "text summary counts the cut files" "; 3 extrahiert; 2 gekürzt$" "$TMP/text.out"

[ "$(ids "$DB" Anfangsueberlang)" = ueberlang.txt ] && ok || fail "the start of the long text"
[ -z "$(ids "$DB" Endeueberlang)" ] && ok || fail "text beyond the 16 MiB cap was indexed"
[ "$(ids "$DB" Anfangswortflut)" = wortflut.txt ] && ok || fail "the start of the word flood"
[ -z "$(ids "$DB" Endewortflut)" ] && ok || fail "text beyond the term cap was indexed"
[ "$(ids "$DB" Endenormal)" = normal.txt ] && ok || fail "the document beside them, whole"
finish
