#!/usr/bin/env bash
# The catalog's two roles in the compose PostgreSQL (runs once, at the first start, after init-databases.sql):
# Flyway migrates as rap_catalog_owner, the service connects as rap_catalog_app.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -U postgres -d catalog -f /catalog-roles.sql
psql -v ON_ERROR_STOP=1 -U postgres -d postgres \
    -c "alter role rap_catalog_owner password 'rap-relay-local'" \
    -c "alter role rap_catalog_app password 'rap-relay-local'"
