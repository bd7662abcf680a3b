#!/bin/bash
# scripts/cluster.sh start|stop|status
#
# A throwaway PostgreSQL cluster for the demo and the tests: data in
# $REPO/.pg/data (or under /tmp when the postgres user cannot reach the
# working tree), Unix socket only, in that same directory, on port
# ${STANCE_PGPORT:-5439}.  Trust authentication, superuser "postgres".
# Every command is idempotent.  Source scripts/env.sh to point psql at it.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PGCTL=$STANCE_PGBIN/pg_ctl
LOGFILE=$STANCE_PGBASE/server.log

usage() {
	echo "usage: $0 start|stop|status" >&2
	exit 2
}

ensure_owner() {
	if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
		stance_log "creating the postgres system user"
		useradd --system --user-group --home-dir /var/lib/postgresql \
			--shell /bin/bash postgres
	fi
}

is_running() {
	[ -f "$STANCE_PGDATA/PG_VERSION" ] &&
		stance_as_pg "$PGCTL" status -D "$STANCE_PGDATA" >/dev/null 2>&1
}

init_cluster() {
	if [ -f "$STANCE_PGDATA/PG_VERSION" ]; then
		return
	fi
	mkdir -p "$STANCE_PGBASE"
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$STANCE_PGBASE"
	fi
	chmod 700 "$STANCE_PGBASE"
	stance_log "initdb $STANCE_PGDATA"
	local locale=C.UTF-8
	if ! locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
		locale=C
	fi
	stance_as_pg "$STANCE_PGBIN/initdb" -D "$STANCE_PGDATA" -U postgres \
		--auth=trust -E UTF8 --locale="$locale" >"$STANCE_PGBASE/initdb.log" 2>&1 || {
		cat "$STANCE_PGBASE/initdb.log" >&2
		exit 1
	}
	cat >>"$STANCE_PGDATA/postgresql.conf" <<EOF

# added by scripts/cluster.sh: a throwaway cluster, Unix socket only
listen_addresses = ''
unix_socket_directories = '$STANCE_PGBASE'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start() {
	ensure_owner
	stance_pgbase				# again, now that the postgres user exists
	LOGFILE=$STANCE_PGBASE/server.log
	if [ "$STANCE_PGFALLBACK" = 1 ]; then
		stance_log "the postgres user cannot use $STANCE_REPO/.pg;" \
			"the cluster lives in $STANCE_PGBASE instead"
	fi
	init_cluster
	if is_running; then
		local port
		port=$(sed -n 4p "$STANCE_PGDATA/postmaster.pid" 2>/dev/null || true)
		if [ -n "$port" ] && [ "$port" != "$STANCE_PGPORT" ]; then
			stance_log "cluster already running on port $port, not $STANCE_PGPORT;" \
				"run '$0 stop' first to change the port"
			exit 1
		fi
		stance_log "cluster already running (socket $STANCE_PGBASE, port $STANCE_PGPORT)"
		return
	fi
	stance_as_pg "$PGCTL" start -w -t 60 -D "$STANCE_PGDATA" -l "$LOGFILE" \
		-o "-p $STANCE_PGPORT" >/dev/null || {
		tail -n 20 "$LOGFILE" >&2 || true
		exit 1
	}
	stance_log "cluster started (data $STANCE_PGDATA, socket $STANCE_PGBASE, port $STANCE_PGPORT)"
}

stop() {
	if is_running; then
		stance_as_pg "$PGCTL" stop -w -m fast -D "$STANCE_PGDATA" >/dev/null
		stance_log "cluster stopped"
	else
		stance_log "cluster not running"
	fi
}

status() {
	if is_running; then
		echo "running: data $STANCE_PGDATA, socket $STANCE_PGBASE, port $STANCE_PGPORT"
	elif [ -f "$STANCE_PGDATA/PG_VERSION" ]; then
		echo "stopped: data $STANCE_PGDATA"
		return 3
	else
		echo "no cluster yet (would be in $STANCE_PGDATA)"
		return 3
	fi
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
*) usage ;;
esac
