#!/usr/bin/env bash
# Runs once, on the first start of an empty Postgres (docker-entrypoint-initdb.d): a database and
# a user per service, each user owning its database only and unable to connect to the others'.
# Passwords come from the environment (<SERVICE>_DB_PASSWORD, from .env); none is defaulted.
set -euo pipefail

# database liaison_<name>, user <name>, password in <NAME>_DB_PASSWORD
services=(organizations dialogues capacity_building training notifications)

missing=()
for service in "${services[@]}"; do
  variable="${service^^}_DB_PASSWORD"
  [ -n "${!variable:-}" ] || missing+=("$variable")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "init-databases: set ${missing[*]} in .env (one password per service); no database was created" >&2
  exit 1
fi

for service in "${services[@]}"; do
  variable="${service^^}_DB_PASSWORD"
  # psql variables quote the name and the password (:"..." and :'...'): no value is spliced into SQL.
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v name="$service" -v database="liaison_$service" -v password="${!variable}" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"name";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
done
echo "init-databases: created ${services[*]}"
