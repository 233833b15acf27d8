# Sourced by .ci/run (and usable by hand): installs Debian's PostgreSQL if missing, starts a throwaway
# server on 127.0.0.1 as the postgres user, exports TEST_POSTGRES_URL and registers a stop on EXIT.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "--- installing postgresql from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
PGPORT=${PGPORT:-54330}
PGTMP=$(mktemp -d)
chown postgres:postgres "$PGTMP"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
  -o "-h 127.0.0.1 -p $PGPORT -k $PGTMP" start >/dev/null
stop_postgres() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop_postgres EXIT
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres superpose_test
export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PGPORT/superpose_test"
echo "--- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
