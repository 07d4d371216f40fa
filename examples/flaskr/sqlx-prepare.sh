#!/bin/sh
# Records what each of flaskr's queries takes and returns into .sqlx/, so that the
# query! macros check them at build time without a database (SQLX_OFFLINE=true in
# .env). Run it after changing a query or a migration, with a PostgreSQL server:
#
#     cargo xtask with-postgres examples/flaskr/sqlx-prepare.sh
#
# The SQLite queries are described by a scratch SQLite file, the PostgreSQL ones by
# a scratch database on that server, each made by the migrations. Each pass builds
# the app with only that database's queries (cfg flaskr_prepare), because a query
# macro describes every query against the one DATABASE_URL it is given.
set -eu
cd "$(dirname "$0")"
here=$(pwd)
: "${POSTGRES_URL:?run via: cargo xtask with-postgres examples/flaskr/sqlx-prepare.sh}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

python3 - "$scratch/prepare.sqlite" migrations/sqlite/*.sql <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for migration in sys.argv[2:]:
    db.executescript(open(migration).read())
PY
server=${POSTGRES_URL%/*}
psql -q -v ON_ERROR_STOP=1 "$POSTGRES_URL" -c 'DROP DATABASE IF EXISTS flaskr_prepare' -c 'CREATE DATABASE flaskr_prepare'
for migration in migrations/postgres/*.sql; do
    psql -q -v ON_ERROR_STOP=1 "$server/flaskr_prepare" -f "$migration"
done

rm -rf .sqlx && mkdir .sqlx
for pass in "sqlite sqlite://$scratch/prepare.sqlite" "postgres $server/flaskr_prepare"; do
    set -- $pass
    touch src/queries/mod.rs
    SQLX_OFFLINE=false DATABASE_URL="$2" SQLX_OFFLINE_DIR="$here/.sqlx" \
        cargo rustc --quiet -p flaskr --bin flaskr -- --cfg "flaskr_prepare=\"$1\""
done
touch src/queries/mod.rs
psql -q "$POSTGRES_URL" -c 'DROP DATABASE flaskr_prepare'
echo "recorded $(ls .sqlx | wc -l) queries in examples/flaskr/.sqlx"
