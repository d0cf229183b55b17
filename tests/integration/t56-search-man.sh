#!/usr/bin/env bash
# The man pages: well-formed roff, installed by cmake --install, and every
# option of --help documented.
. "$(dirname "$0")/lib.sh"
DOCS="$WA_SOURCE_DIR/docs"

for page in werkarchiv-search werkarchiv-index; do
  if command -v groff >/dev/null; then
    groff -man -ww -z "$DOCS/$page.1" 2>"$TMP/warn" && [ ! -s "$TMP/warn" ] && ok ||
      { fail "$page.1: groff warnings"; sed 's/^/  | /' "$TMP/warn" >&2; }
  fi
  grep -q "^\.TH ${page^^} 1 " "$DOCS/$page.1" && ok || fail "$page.1: no .TH line"
done

# every long option of --help appears in the man page
for prog in "$WA_SEARCH" "$WA_INDEX"; do
  page="$DOCS/$(basename "$prog").1"
  "$prog" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$TMP/opts"
  [ -s "$TMP/opts" ] && ok || fail "$(basename "$prog") --help lists no options"
  while IFS= read -r o; do
    esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    grep -qE -- "$esc" "$page" && ok || fail "$(basename "$page"): option $o undocumented"
  done <"$TMP/opts"
done

# cmake --install puts them into man1
if cmake --install "$WA_BINARY_DIR" --prefix "$TMP/inst" >"$TMP/install.log" 2>&1; then
  for page in werkarchiv-search werkarchiv-index; do
    cmp -s "$DOCS/$page.1" "$TMP/inst/share/man/man1/$page.1" && ok || fail "$page.1 not installed"
  done
else
  fail "cmake --install failed"; sed 's/^/  | /' "$TMP/install.log" >&2
fi
finish
