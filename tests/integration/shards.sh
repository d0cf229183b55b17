# Helpers for the shard tests (sourced after lib.sh): xapian-tcpsrv servers
# on free loopback ports, each in its own session, all stopped on exit.
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "SKIP: xapian-tcpsrv not installed (package xapian-tools)"
  exit 77
fi

# every server started here is stopped on exit, whatever happens: each has
# its own process group (xapian-tcpsrv signals its whole group when it stops)
SERVERS=()
stop_servers() {
  local p
  for p in "${SERVERS[@]}"; do kill -CONT -- "-$p" 2>/dev/null; kill -- "-$p" 2>/dev/null; done
  for p in "${SERVERS[@]}"; do wait "$p" 2>/dev/null; done
  SERVERS=()
  rm -rf "$TMP"
}
trap stop_servers EXIT

# a free loopback port (the kernel picks one; a race with other programs is unlikely)
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# serve PORT DB [--writable]: start xapian-tcpsrv on loopback and wait (at
# most 5 s) until it answers; its process (group) id in LASTPID
LASTPID=
serve() {
  local port=$1 db=$2 i; shift 2
  setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" --quiet "$@" "$db" >"$TMP/srv-$port.log" 2>&1 &
  LASTPID=$!
  SERVERS+=("$LASTPID")
  for i in $(seq 1 50); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1",int(sys.argv[1])),1).close()' "$port" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# stop_server PID: stop one server (its whole group) and wait for it
stop_server() {
  kill -CONT -- "-$1" 2>/dev/null
  kill -- "-$1" 2>/dev/null
  wait "$1" 2>/dev/null
}
