#!/usr/bin/env bash
# Install (when missing) and start Debian's PostgreSQL on loopback for the store and outbox tests,
# then print the URL to export as BOOMLINK_TEST_POSTGRES_URL. Idempotent; needs root.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main >/dev/null 2>&1
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='boomlink'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role boomlink login superuser password 'boomlink'\""
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='boomlink_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O boomlink boomlink_test"
echo "postgresql+psycopg://boomlink:boomlink@127.0.0.1:5432/boomlink_test"
