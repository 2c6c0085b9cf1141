#!/usr/bin/env bash
# Runs once, when the postgres service starts on an EMPTY data volume (official image's
# /docker-entrypoint-initdb.d). One login role and one database per consumer, so a leaked
# application password does not expose Keycloak's or Temporal's data:
#   cbccvc   owns database cbccvc (the subgraphs' schemas and MikroORM migrations)
#   keycloak owns database keycloak
#   temporal may CREATE DATABASE: temporalio/auto-setup creates temporal + temporal_visibility itself
# Passwords arrive through the container environment (compose refuses to start without them) and
# reach SQL as psql variables (:'name' quotes them), never by string interpolation.
set -e

for name in CBCCVC_DB_PASSWORD KEYCLOAK_DB_PASSWORD TEMPORAL_DB_PASSWORD; do
  if [ -z "${!name}" ]; then
    echo "10-create-databases.sh: $name is empty" >&2
    exit 1
  fi
done

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v cbccvc_pw="$CBCCVC_DB_PASSWORD" \
  -v keycloak_pw="$KEYCLOAK_DB_PASSWORD" \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE cbccvc LOGIN PASSWORD :'cbccvc_pw';
CREATE DATABASE cbccvc OWNER cbccvc ENCODING 'UTF8';
REVOKE ALL ON DATABASE cbccvc FROM PUBLIC;

CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_pw';
CREATE DATABASE keycloak OWNER keycloak ENCODING 'UTF8';
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;

CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_pw';
SQL
