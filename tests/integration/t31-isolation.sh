#!/usr/bin/env bash
# A crashing extractor loses only its file; Ctrl-C leaves the index at its
# last commit and the next run continues where it stopped.
. "$(dirname "$0")/lib.sh"

# A stand-in pdftotext in front of PATH: it crashes its worker for files
# named *absturz*, hangs for *haenger* (after writing its pid to $MARK), and
# runs the real program otherwise.
REAL=$(command -v pdftotext)
mkdir -p "$TMP/bin"
cat >"$TMP/bin/pdftotext" <<SH
#!/bin/sh
case "\$*" in
  *absturz*) kill -SEGV \$PPID; exit 0 ;;
  *haenger*) echo \$\$ >"$TMP/mark"; exec sleep 300 ;;
  *langsam*) echo \$\$ >"$TMP/slow"; exec sleep 300 ;;
esac
exec "$REAL" "\$@"
SH
chmod +x "$TMP/bin/pdftotext"

# ---- a crashing extractor ----------------------------------------------------
mkdir -p "$TMP/a"
cp "$FIXTURES/formats/sample.pdf" "$TMP/a/x-absturz.pdf"
printf 'Unversehrter Nachbar des Absturzes.\n' >"$TMP/a/y-gut.txt"
cp "$FIXTURES/formats/sample.pdf" "$TMP/a/z-normal.pdf"
expect_exit 1 "a crash is a per-file failure" -- env PATH="$TMP/bin:$PATH" \
  "$WA_INDEX" --db "$TMP/db1" -j 2 add "$TMP/a"
expect_grep "crash reported with its signal" "x-absturz.pdf': extractor crashed \(signal 11\)" "$TMP/err"
expect_grep "summary counts the rest" "2 indexiert, 0 unverändert, 0 entfernt, 0 übersprungen, 1 fehlgeschlagen" "$TMP/out"
[ "$(ids "$TMP/db1" Unversehrter)" = y-gut.txt ] && ok || fail "file beside the crash not indexed"
[ "$(ids "$TMP/db1" Blindschleiche)" = z-normal.pdf ] && ok || fail "PDF after the crash not indexed"

# ---- a hanging pdftotext is killed after --timeout ---------------------------
mkdir -p "$TMP/s"
cp "$FIXTURES/formats/sample.pdf" "$TMP/s/langsam.pdf"
printf 'Geduldiges Nachbardokument.\n' >"$TMP/s/nachbar.txt"
expect_exit 1 "a hanging helper is a per-file failure" -- env PATH="$TMP/bin:$PATH" \
  "$WA_INDEX" --db "$TMP/db3" --timeout 1 add "$TMP/s"
expect_grep "timeout reported" "langsam.pdf': pdftotext timed out after 1 s" "$TMP/err"
[ "$(ids "$TMP/db3" Geduldiges)" = nachbar.txt ] && ok || fail "file beside the hanging one not indexed"
slow=$(cat "$TMP/slow")
if kill -0 "$slow" 2>/dev/null; then fail "the timed-out pdftotext still runs"; kill "$slow"; else ok; fi
expect_exit 2 "bad --timeout" -- "$WA_INDEX" --db "$TMP/db3" --timeout 0 add "$TMP/s"

# ---- -q prints nothing but failures -----------------------------------------
expect_exit 1 "quiet run" -- env PATH="$TMP/bin:$PATH" "$WA_INDEX" --db "$TMP/db1" -q add "$TMP/a"
[ ! -s "$TMP/out" ] && ok || fail "-q printed a summary"
expect_grep "-q still lists failures" "x-absturz.pdf'" "$TMP/err"

# ---- Ctrl-C -------------------------------------------------------------------
mkdir -p "$TMP/b"
printf 'Erstes Dokument mit Ameisenstraße.\n' >"$TMP/b/a-eins.txt"
printf '# Zweites\n\nDokument mit Biberburg.\n' >"$TMP/b/b-zwei.md"
cp "$FIXTURES/formats/sample.pdf" "$TMP/b/c-haenger.pdf"
printf 'Viertes Dokument mit Dachsbau.\n' >"$TMP/b/d-vier.txt"
PATH="$TMP/bin:$PATH" "$WA_INDEX" --db "$TMP/db2" -j 1 add "$TMP/b" >"$TMP/int.out" 2>"$TMP/int.err" &
pid=$!
for _ in $(seq 1 300); do [ -s "$TMP/mark" ] && break; sleep 0.1; done
[ -s "$TMP/mark" ] && ok || fail "the hanging extractor never started"
kill -INT "$pid"
wait "$pid"
rc=$?
# the hanging pdftotext died with its worker
hung=$(cat "$TMP/mark")
for _ in $(seq 1 100); do kill -0 "$hung" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$hung" 2>/dev/null; then fail "the hanging extractor outlived its worker"; kill "$hung"; else ok; fi
[ "$rc" -eq 130 ] && ok || fail "interrupted run: exit $rc, expected 130"
expect_grep "interrupted summary" "abgebrochen" "$TMP/int.out"
[ "$(ids "$TMP/db2" Ameisenstraße)" = a-eins.txt ] && ok || fail "work before Ctrl-C not committed"
[ "$(ids "$TMP/db2" Biberburg)" = b-zwei.md ] && ok || fail "work before Ctrl-C not committed (2)"
[ -z "$(ids "$TMP/db2" Dachsbau)" ] && ok || fail "file after the interrupt indexed"
# the next run continues: only the rest is extracted
expect_exit 0 "next run completes" -- "$WA_INDEX" --db "$TMP/db2" --json -j 1 add "$TMP/b"
[ "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["extracted"])' <"$TMP/out")" -eq 2 ] &&
  ok || fail "next run extracted more than the two missing files"
[ "$(ids "$TMP/db2" Dachsbau)" = d-vier.txt ] && ok || fail "next run did not continue"
[ "$(ids "$TMP/db2" Blindschleiche)" = c-haenger.pdf ] && ok || fail "interrupted file not retried"

finish
