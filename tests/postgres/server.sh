#!/usr/bin/env bash
# A throwaway PostgreSQL server for the corpus-database tests and benches:
# installs Debian's postgresql when it is missing, initialises a cluster in
# a temp folder (as the postgres user when run as root: the server refuses
# root), starts it on 127.0.0.1, runs the given command with
# COPYDESK_TEST_DATABASE naming an empty database, then stops the server
# and removes the folder.
#   tests/postgres/server.sh COMMAND [ARGS...]
set -euo pipefail
port="${COPYDESK_PG_PORT:-54329}"

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "installing postgresql (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

data="$(mktemp -d /tmp/copydesk-pg.XXXXXX)"
as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$data"
  as=(runuser -u postgres --)
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap stop EXIT

"${as[@]}" "$bin/initdb" -D "$data/db" -U copydesk --auth=trust -E UTF8 --locale=C >/dev/null

# TLS: a test CA signs the server's certificate (for 127.0.0.1 only, so
# "localhost" fails a host-name check) and a client's (role certuser); a
# second CA signs nothing the server shows. Role tlsonly may connect only
# over TLS, certuser only with its certificate.
tls="$data/tls"
mkdir "$tls"
make_ca() { openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1" -keyout "$tls/$1.key" -out "$tls/$1.pem" 2>/dev/null; }
sign() { # NAME SUBJECT [EXTENSIONS]
  openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$tls/$1.key" -out "$tls/$1.csr" 2>/dev/null
  openssl x509 -req -in "$tls/$1.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile <(printf '%s\n' "${3:-basicConstraints=CA:FALSE}") -out "$tls/$1.pem" 2>/dev/null
}
make_ca ca
make_ca other-ca
sign server 127.0.0.1 "subjectAltName=IP:127.0.0.1"
sign client certuser
chmod 600 "$tls"/*.key
[ "$(id -u)" = 0 ] && chown -R postgres "$tls"
hba="$data/db/pg_hba.conf"
{
  printf 'hostssl all tlsonly all trust\nhostnossl all tlsonly all reject\n'
  printf 'hostssl all certuser all cert\nhost all certuser all reject\n'
  cat "$hba"
} > "$hba.new" && mv "$hba.new" "$hba"
[ "$(id -u)" = 0 ] && chown postgres "$hba"
options="-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on"
options+=" -c ssl_cert_file=$tls/server.pem -c ssl_key_file=$tls/server.key -c ssl_ca_file=$tls/ca.pem"
"${as[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -o "$options" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U copydesk copydesk_test
# A role that may only read, as lint needs.
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U copydesk -d copydesk_test -c \
  "CREATE ROLE reader LOGIN; ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader;
   CREATE ROLE tlsonly LOGIN IN ROLE reader; CREATE ROLE certuser LOGIN IN ROLE reader;"

export COPYDESK_TEST_DATABASE="postgres://copydesk@127.0.0.1:$port/copydesk_test"
export COPYDESK_TEST_READER="postgres://reader@127.0.0.1:$port/copydesk_test"
# The test CA and the client certificate (ca.pem, other-ca.pem, client.*).
export COPYDESK_TEST_TLS="$tls"
# How a test stops and starts the server (the outage test).
export COPYDESK_PG_STOP="${as[*]} $bin/pg_ctl -D $data/db -m fast -w stop"
export COPYDESK_PG_START="${as[*]} $bin/pg_ctl -D $data/db -l $data/server.log -w -o '$options' start"
status=0
"$@" || status=$?
exit "$status"
