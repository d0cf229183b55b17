#!/usr/bin/env bash
# The search page in a real browser: lighttpd on a free loopback port serves
# werkarchiv.cgi over the sample archive; tests/browser/web.test.mjs drives
# Debian's chromium with playwright-core and runs axe (WCAG 2.1 A/AA).
# Screenshots and axe results: $WA_BINARY_DIR/browser-artifacts/.
. "$(dirname "$0")/lib.sh"
: "${WA_CGI:?run through ctest}"
B="$WA_SOURCE_DIR/tests/browser"
missing=
[ -d "$B/node_modules/playwright-core" ] || missing="npm packages (run 'npm ci' in tests/browser)"
[ -x /usr/bin/chromium ] || missing="$missing /usr/bin/chromium"
command -v lighttpd >/dev/null || missing="$missing lighttpd"
if [ -n "$missing" ]; then
  echo "missing: $missing (scripts/test.sh installs them)" >&2
  # in CI this is a failure; elsewhere the test is skipped
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi

index_corpus "$TMP/archive" || { fail "indexing the corpus"; finish; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# a member for the pages under /intern/ (lighttpd's authentication)
member=
if command -v htpasswd >/dev/null; then
  htpasswd -cbB "$TMP/htpasswd" anna anna-geheim 2>/dev/null && member=anna:anna-geheim
fi
"$WA_SOURCE_DIR/scripts/serve.sh" --port "$port" --archive "$TMP/archive" \
  --build "$(dirname "$(dirname "$WA_CGI")")" --state "$TMP/serve" --members anna \
  ${member:+--htpasswd "$TMP/htpasswd"} >"$TMP/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/werkarchiv.css" && break
  sleep 0.2
done
art="$WA_BINARY_DIR/browser-artifacts"
rm -rf "$art"
if WA_BASE_URL="http://127.0.0.1:$port" WA_ARTIFACTS="$art" HOME="$TMP" WA_MEMBER="$member" \
   node --test --test-reporter=spec "$B/web.test.mjs" >"$TMP/node.log" 2>&1; then
  ok
else
  fail "browser tests"
fi
sed 's/^/  | /' "$TMP/node.log" | grep -Ev '^\s*\|\s*$' | tail -60
echo "screenshots and axe results: $art"
finish
