#!/usr/bin/env bash
# Serve the search page (werkarchiv.cgi) over the sample archive with lighttpd
# in the foreground: http://127.0.0.1:8080/ ; Ctrl-C ends it.
# Usage: scripts/serve.sh [--port N] [--archive DIR] [--build DIR] [--members NAMES]
#                         [--htpasswd FILE] [--state DIR]
#   --archive DIR   archive to search (default: .werkarchiv, built by scripts/setup.sh)
#   --build DIR     build folder with search/werkarchiv.cgi (default: build)
#   --members NAMES REMOTE_USER names that count as members (needs web server
#                   authentication, see docs/web.md; default: none)
#   --htpasswd FILE password file (htpasswd -B): lighttpd then asks for a name
#                   and password under /intern/ (docs/web/lighttpd-members.conf)
#   --state DIR     folder for the generated configuration (default: BUILD/serve)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=8080
archive=$root/.werkarchiv
build=$root/build
members=
htpasswd=
conf=
while [ $# -gt 0 ]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --archive) archive=$(cd "$2" && pwd); shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --members) members=$2; shift 2 ;;
    --htpasswd) htpasswd=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --state) mkdir -p "$2"; conf=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
command -v lighttpd >/dev/null || scripts/deps.sh test
if [ ! -x "$build/search/werkarchiv.cgi" ] || [ ! -d "$archive/public" ]; then
  if [ "$archive" = "$root/.werkarchiv" ] && [ "$build" = "$root/build" ]; then
    scripts/setup.sh
  else
    echo "serve.sh: no werkarchiv.cgi in '$build' or no archive at '$archive'" >&2
    exit 2
  fi
fi

conf=${conf:-$build/serve}
mkdir -p "$conf"
cat >"$conf/werkarchiv-cgi.conf" <<CONF
# werkarchiv.cgi configuration written by scripts/serve.sh (docs/web.md)
archive = $archive
members = $members
title = Werkarchiv
CONF
snippets=("$root/docs/web/lighttpd.conf")
if [ -n "$htpasswd" ]; then
  [ -r "$htpasswd" ] || { echo "serve.sh: cannot read '$htpasswd'" >&2; exit 2; }
  snippets+=("$root/docs/web/lighttpd-members.conf")
fi
sed -e "s|@PORT@|$port|g" -e "s|@WEB@|$root/web|g" -e "s|@CGI@|$build/search/werkarchiv.cgi|g" \
    -e "s|@CONFIG@|$conf/werkarchiv-cgi.conf|g" -e "s|@STATE@|$conf|g" \
    -e "s|@HTPASSWD@|$htpasswd|g" "${snippets[@]}" >"$conf/lighttpd.conf"
echo "Werkarchiv: http://127.0.0.1:$port/  (Ctrl-C ends it)"
[ -z "$htpasswd" ] || echo "Members: http://127.0.0.1:$port/intern/ (names under --members)"
exec lighttpd -D -f "$conf/lighttpd.conf"
