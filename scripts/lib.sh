# scripts/lib.sh -- shared by the scripts in this directory; source it.
#
# Sets:
#   STANCE_REPO      the working tree
#   STANCE_PGPORT    port of the throwaway cluster (default 5439)
#   STANCE_PGBIN     PostgreSQL's server binaries
#   STANCE_PGBASE    directory holding the cluster: data/, the socket, log
#   STANCE_PGDATA    $STANCE_PGBASE/data
#   STANCE_PGFALLBACK  1 when STANCE_PGBASE is not $STANCE_REPO/.pg
#   PG_CONFIG        exported; PostgreSQL 15's pg_config unless already set

STANCE_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
STANCE_PGPORT=${STANCE_PGPORT:-5439}

# PostgreSQL 15's own pg_config, unless the caller chose one: Debian's
# /usr/bin/pg_config picks the newest server-dev installed.
if [ -z "${PG_CONFIG:-}" ]; then
	if [ -x /usr/lib/postgresql/15/bin/pg_config ]; then
		PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
	else
		PG_CONFIG=pg_config
	fi
fi
export PG_CONFIG

stance_log() {
	printf '%s\n' "stance: $*" >&2
}

# Run a command as the owner of the cluster: "postgres" when we are root
# (PostgreSQL refuses to run as root), else ourselves.  From / since the
# postgres user may not be allowed into the current directory.
stance_as_pg() {
	if [ "$(id -u)" = 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

stance_pgbin() {
	if command -v "$PG_CONFIG" >/dev/null 2>&1; then
		STANCE_PGBIN=$("$PG_CONFIG" --bindir)
	else
		STANCE_PGBIN=/usr/lib/postgresql/15/bin
	fi
}

# Choose where the cluster lives.  Inside the working tree ($REPO/.pg) when
# the cluster's owner can reach it and the socket path fits in a Unix socket
# address; otherwise under /tmp, in a directory named after the working tree.
stance_pgbase() {
	local inside=$STANCE_REPO/.pg
	local hash
	hash=$(printf '%s' "$STANCE_REPO" | md5sum | cut -c1-10)
	local fallback=/tmp/stance-pg-$(id -u)-$hash

	STANCE_PGFALLBACK=0
	STANCE_PGBASE=$inside
	if [ -d "$fallback/data" ] && [ ! -d "$inside/data" ]; then
		STANCE_PGBASE=$fallback
		STANCE_PGFALLBACK=1
	elif [ "${#inside}" -gt 80 ]; then
		# sun_path holds 107 bytes; the socket name adds 17
		STANCE_PGBASE=$fallback
		STANCE_PGFALLBACK=1
	elif [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$STANCE_REPO" 2>/dev/null; then
		STANCE_PGBASE=$fallback
		STANCE_PGFALLBACK=1
	fi
	STANCE_PGDATA=$STANCE_PGBASE/data
}

stance_pgbin
stance_pgbase
