#!/bin/bash
# Run once by the postgres image when its data directory is created: one database per Tocsin
# service (TOCSIN_DATABASES), each owned by the services' login role TOCSIN_DB_USER.
set -euo pipefail

psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres)

"${psql[@]}" --set user="$TOCSIN_DB_USER" --set password="$TOCSIN_DB_PASSWORD" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
SQL

for database in $TOCSIN_DATABASES; do
  "${psql[@]}" --set database="$database" --set owner="$TOCSIN_DB_USER" <<'SQL'
CREATE DATABASE :"database" OWNER :"owner";
SQL
done
