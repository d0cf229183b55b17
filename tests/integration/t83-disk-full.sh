#!/usr/bin/env bash
# Disk full during indexing, on a small tmpfs the test mounts (root only, else
# skipped): the run stops with a clear error and exit 2, the archive stays at
# its last commit (Xapian's check passes, searches still work), and once
# there is room again the next run completes. Slow: a few thousand documents.
. "$(dirname "$0")/lib.sh"
command -v xapian-check >/dev/null || { echo "skip: xapian-check missing (xapian-tools)"; exit 77; }
if [ "$(id -u)" -ne 0 ]; then
  echo "skip: mounting a small tmpfs needs root"
  exit 77
fi
MNT="$TMP/mnt"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=16m tmpfs "$MNT" 2>"$TMP/mount.err"; then
  echo "skip: cannot mount a tmpfs here: $(cat "$TMP/mount.err")"
  exit 77
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT

N=3000
SRC="$TMP/src"
DB="$MNT/archive"
mkdir -p "$SRC/basis" "$SRC/viele"
printf 'Grundbestand des Archivs vor der vollen Platte.\n' >"$SRC/basis/grundbestand.txt"
touch -d '2 days ago' "$SRC/basis/grundbestand.txt"
expect_exit 0 "the first run" -- "$WA_INDEX" --db "$DB" -q add "$SRC"
python3 - "$SRC/viele" "$N" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open("%s/dokument-%05d.txt" % (d, i), "w") as f:
        f.write("Dokument %05d über Verwaltung\n\nEinzelwort%05dx steht nur hier. %s\n"
                % (i, i, " ".join("wort%dq%d" % (i, j) for j in range(80))))
PY
touch -d '1 day ago' "$SRC"/viele/*

count() {
  "$WA_SEARCH" --db "$DB" --json -n 0 '' 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'
}
check_db() {
  local d
  for d in "$DB"/*/; do
    [ -e "$d/iamglass" ] || continue
    xapian-check "$d" >"$TMP/check.out" 2>&1 && ok || { fail "$1: xapian-check $(basename "$d")"; tail -5 "$TMP/check.out" >&2; }
  done
}

# the disk fills up in the middle of the run
expect_exit 2 "indexing onto a full disk" -- timeout 600 "$WA_INDEX" --db "$DB" add "$SRC"
expect_grep "the error says why" "werkarchiv-index: .*(No space left on device|Error writing)" "$TMP/err"
expect_grep "the error says the archive keeps its last state" "letzten gespeicherten Stand" "$TMP/err"
check_db "on the full disk"
full=$(count)
# the last commit: the first document plus whole batches of 500, fewer than all
if [ "$full" -ge 1 ] && [ $(((full - 1) % 500)) -eq 0 ] && [ "$full" -lt $((N + 1)) ]; then ok; else
  fail "on the full disk: $full documents (expected 1 + a multiple of 500, fewer than $((N + 1)))"; fi
[ "$(ids "$DB" Grundbestand)" = basis/grundbestand.txt ] && ok || fail "the first document is lost"
expect_exit 0 "searching the full disk's archive" -- "$WA_SEARCH" --db "$DB" Grundbestand

# room again: the next run completes
mount -o remount,size=256m "$MNT" && ok || fail "remount"
expect_exit 0 "the run after space is freed" -- timeout 600 "$WA_INDEX" --db "$DB" -q add "$SRC"
check_db "after space is freed"
[ "$(count)" -eq $((N + 1)) ] && ok || fail "after space is freed: $(count) documents, expected $((N + 1))"
for i in 00000 01234 02999; do
  [ "$(ids "$DB" "Einzelwort${i}x")" = "viele/dokument-$i.txt" ] && ok || fail "document $i not found"
done
echo "note: the disk filled up at $full committed documents" >&2
finish
