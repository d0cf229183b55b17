#!/usr/bin/env bash
# The subcommands of werkarchiv-index: options after the command, "--", and
# each command's own --help driven by the command table.
. "$(dirname "$0")/lib.sh"

DB="$TMP/archiv"
SRC="$TMP/quellen"
mkdir -p "$SRC"
printf 'Protokoll der Sitzung der Werkstatt\n' >"$SRC/protokoll.txt"

# options after the command are options, not paths (add -q used to index '-q')
expect_exit 0 "add -q DIR" -- "$WA_INDEX" --db "$DB" add -q "$SRC"
[ ! -s "$TMP/out" ] && ok || fail "add -q prints no summary"
expect_no_grep "add -q does not look for a file '-q'" "'-q'" "$TMP/err"
expect_exit 0 "search finds what add -q indexed" -- "$WA_SEARCH" --db "$DB" Sitzung
expect_grep "the document is there" 'protokoll' "$TMP/out"

# --db and --json after the command, options and operands mixed
expect_exit 0 "add DIR --json --db" -- "$WA_INDEX" add "$SRC" --json --db "$DB"
expect_grep "JSON summary after the command" '"unchanged": 1' "$TMP/out"

# "--" ends the options: a file called -q.txt is a path
(cd "$SRC" && printf 'Bericht der Werkstatt Beteiligung\n' >./-q.txt)
expect_exit 0 "add -- -q.txt" -- sh -c "cd '$SRC' && '$WA_INDEX' --db '$DB' add -- -q.txt"
expect_grep "the file -q.txt is indexed" '^1 indexiert' "$TMP/out"

# an option a command does not take is a usage error naming the command
expect_exit 2 "remove --jobs" -- "$WA_INDEX" --db "$DB" remove --jobs 2 protokoll.txt
expect_grep "error names the command" "^werkarchiv-index remove: " "$TMP/err"
expect_grep "error points to the command's help" "werkarchiv-index remove --help" "$TMP/err"
expect_exit 2 "add --jobs 0" -- "$WA_INDEX" --db "$DB" add --jobs 0 "$SRC"
expect_grep "bad number is named" "\-\-jobs wants a number" "$TMP/err"
expect_exit 2 "add without operands" -- "$WA_INDEX" --db "$DB" add -q
expect_grep "names the missing operand" "add needs at least one file or folder" "$TMP/err"

# every command's --help comes from its row: usage line, summary, its options only
for c in add sync remove; do
  expect_exit 0 "$c --help" -- "$WA_INDEX" "$c" --help
  expect_grep "$c --help usage line" "^Usage: werkarchiv-index $c " "$TMP/out"
  cp "$TMP/out" "$TMP/help-$c"
done
expect_grep "add takes --jobs" '\-\-jobs' "$TMP/help-add"
expect_grep "sync takes --retry-failed" '\-\-retry-failed' "$TMP/help-sync"
expect_no_grep "remove does not take --jobs" '\-\-jobs' "$TMP/help-remove"
expect_exit 0 "program --help" -- "$WA_INDEX" --help
for c in add sync remove; do
  expect_grep "program --help lists $c" "^  $c " "$TMP/out"
done

# --help of a command does not touch the archive
expect_exit 0 "add --help with a missing archive" -- "$WA_INDEX" --db "$TMP/nie" add --help
[ ! -e "$TMP/nie" ] && ok || fail "add --help created no archive"

finish
