# Helpers for the tests that run werkarchiv.cgi under a real web server
# (sourced after lib.sh, not run): free ports, servers in their own process
# group that end with the script, the docs/web/ snippets with their
# placeholders filled in, and requests through curl.
: "${WA_CGI:?run through ctest}"
WEB_PGIDS=()
trap 'for g in "${WEB_PGIDS[@]}"; do kill -- -"$g" 2>/dev/null; done; rm -rf "$TMP"' EXIT

# A server started as root runs as nobody (Apache refuses to serve as root),
# so it must be able to read the scratch folder.
chmod 755 "$TMP"
AS_USER=()
if [ "$(id -u)" -eq 0 ]; then
  AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# state_dir NAME: a writable folder for one server (pid file, logs, sockets)
state_dir() {
  mkdir -p "$TMP/$1"
  [ "${#AS_USER[@]}" -eq 0 ] || chown nobody:nogroup "$TMP/$1"
  echo "$TMP/$1"
}

# fill SNIPPET OUT PORT STATE CONFIG: docs/web/SNIPPET with the placeholders set
fill() {
  sed -e "s|@PORT@|$3|g" -e "s|@WEB@|$WA_SOURCE_DIR/web|g" -e "s|@CGI@|$WA_CGI|g" \
      -e "s|@CONFIG@|$5|g" -e "s|@STATE@|$4|g" "$WA_SOURCE_DIR/docs/web/$1" >"$2"
}

# start LOG COMMAND...: run COMMAND (as nobody when root) in a process group
# of its own, for at most 300 s; the group ends with the script
start() {
  local log=$1; shift
  setsid timeout 300 "${AS_USER[@]}" "$@" >"$log" 2>&1 &
  WEB_PGIDS+=("$!")
}

# wait_for URL: until the server answers (at most 10 s); 0 when it does
wait_for() {
  local _
  for _ in $(seq 1 50); do
    curl -s -o /dev/null --max-time 2 "$1" && return 0
    sleep 0.2
  done
  return 1
}

# get URL [CURL-OPTIONS...]: status to $TMP/status, headers to $TMP/h
# (CR removed), body to $TMP/b
get() {
  local url=$1; shift
  curl -s --max-time 20 -D "$TMP/h.raw" -o "$TMP/b" -w '%{http_code}' "$@" "$url" >"$TMP/status"
  tr -d '\r' <"$TMP/h.raw" >"$TMP/h"
}
status_is() { # status_is CODE DESCRIPTION
  local got; got=$(cat "$TMP/status")
  if [ "$got" = "$1" ]; then ok; else fail "$2: status $got, expected $1"; head -c 300 "$TMP/b" >&2; echo >&2; fi
}
header_has() { expect_grep "$1" "$2" "$TMP/h"; }
body_has() { expect_grep "$1" "$2" "$TMP/b"; }
body_lacks() { expect_no_grep "$1" "$2" "$TMP/b"; }
urlenc() { python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }
