# scripts/env.sh -- source it to point psql, pg_regress and libpq programs at
# the throwaway cluster of scripts/cluster.sh:
#
#	. scripts/env.sh && psql -c 'select stance_version()'
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PGHOST=$STANCE_PGBASE
export PGPORT=$STANCE_PGPORT
export PGUSER=postgres
export PGDATABASE=postgres
