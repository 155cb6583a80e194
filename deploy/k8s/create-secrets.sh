#!/usr/bin/env bash
# Creates (or updates) the Secrets Liaison's manifests read, from an env file with the variables
# of .env.example and the NATS certificates of deploy/nats/make-certs.sh. For a cluster, make the
# certificates with the in-cluster names:
#   NATS_CERT_NAMES='DNS:nats,DNS:nats.liaison.svc,DNS:*.nats-headless,DNS:*.nats-headless.liaison.svc' \
#     deploy/nats/make-certs.sh
#   deploy/k8s/create-secrets.sh .env liaison
# A secret store (External Secrets, Sealed Secrets) can make the same Secrets instead.
set -euo pipefail
env_file="${1:-.env}"
namespace="${2:-liaison}"
certs="$(dirname "$0")/../nats/certs"
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a

required() {
  for variable in "$@"; do
    [ -n "${!variable:-}" ] || { echo "create-secrets: set $variable in $env_file" >&2; exit 1; }
  done
}
apply() { kubectl -n "$namespace" create secret "$@" --dry-run=client -o yaml | kubectl -n "$namespace" apply -f -; }

required AUTH_JWT_SECRET LIAISON_ADMIN_EMAIL LIAISON_ADMIN_PASSWORD SMTP_URL NATS_OPERATOR_PASSWORD NATS_SYSTEM_PASSWORD LIAISON_SECRET_KEY
apply generic liaison-auth --from-literal=jwt-secret="$AUTH_JWT_SECRET"
# webhook secrets' key; previous-key is set only while a new key is rolled out
apply generic liaison-secret-key --from-literal=current="$LIAISON_SECRET_KEY" --from-literal=previous="${LIAISON_SECRET_KEY_PREVIOUS:-}"
apply generic liaison-admin --from-literal=email="$LIAISON_ADMIN_EMAIL" --from-literal=password="$LIAISON_ADMIN_PASSWORD"
apply generic liaison-smtp --from-literal=url="$SMTP_URL"

nats_users=(--from-literal=operator="$NATS_OPERATOR_PASSWORD" --from-literal=system="$NATS_SYSTEM_PASSWORD")
for service in organizations dialogues capacity-building training notifications; do
  prefix="$(echo "$service" | tr 'a-z-' 'A-Z_')"
  required "${prefix}_DB_PASSWORD" "${prefix}_NATS_PASSWORD"
  db_password="${prefix}_DB_PASSWORD"
  nats_password="${prefix}_NATS_PASSWORD"
  # CloudNativePG's managed role reads a basic-auth Secret; the service reads its password key
  apply generic "liaison-$service-db" --type=kubernetes.io/basic-auth \
    --from-literal=username="${service//-/_}" --from-literal=password="${!db_password}"
  nats_users+=(--from-literal="$service"="${!nats_password}")
done
apply generic liaison-nats-users "${nats_users[@]}"
apply generic liaison-nats-tls --from-file=tls.crt="$certs/server.pem" --from-file=tls.key="$certs/server-key.pem" --from-file=ca.crt="$certs/ca.pem"
