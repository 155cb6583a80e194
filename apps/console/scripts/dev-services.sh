#!/usr/bin/env bash
# Starts organizations (3001), dialogues (3002), capacity-building (3003), training (3004) and
# notifications (3005) from the compiled
# workspace against local Postgres and NATS, for developing the console through Vite's proxy
# until the standalone mode (npm start) serves everything on one port.
# Usage (from the repository root): apps/console/scripts/dev-services.sh [start|stop]
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUN=${CONSOLE_DEV_DIR:-/tmp/liaison-console-dev}
mkdir -p "$RUN"
PREFIX=${CONSOLE_DEV_DB_PREFIX:-liaison_console_dev}

if [[ "${1:-start}" == stop ]]; then
  for pidfile in "$RUN"/*.pid; do [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; done
  exit 0
fi

if ! curl -sf http://127.0.0.1:3001/health/live > /dev/null || ! curl -sf http://127.0.0.1:3002/health/live > /dev/null \
  || ! curl -sf http://127.0.0.1:3003/health/live > /dev/null || ! curl -sf http://127.0.0.1:3004/health/live > /dev/null \
  || ! curl -sf http://127.0.0.1:3005/health/live > /dev/null; then
  npx tsc -p tsconfig.build.json
fi
if [[ ! -f $RUN/secret ]]; then openssl rand -hex 32 > "$RUN/secret"; fi
export AUTH_JWT_SECRET=$(cat "$RUN/secret")
export NATS_URL=${NATS_URL:-nats://127.0.0.1:4222}
export NATS_SUBJECT_PREFIX=${NATS_SUBJECT_PREFIX:-console_dev.}
export NATS_STREAM_PREFIX=${NATS_STREAM_PREFIX:-CONSOLE_DEV_}
export LIAISON_ADMIN_EMAIL=${LIAISON_ADMIN_EMAIL:-admin@un.org}
export LIAISON_ADMIN_PASSWORD=${LIAISON_ADMIN_PASSWORD:-console-dev-password}
export WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:5173}
export LIAISON_NODE_OPTIONS=

start() { # name port
  if curl -sf "http://127.0.0.1:$2/health/live" > /dev/null; then echo "$1 already answers on :$2"; return; fi
  local db="${PREFIX}_$1"
  createdb -h 127.0.0.1 -U postgres "$db" 2>/dev/null || true
  PORT=$2 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" \
    nohup node -r ./tools/register-paths.js "dist/services/$1/src/main.js" > "$RUN/$1.log" 2>&1 &
  echo $! > "$RUN/$1.pid"
}
start organizations 3001
start dialogues 3002
[[ -d services/capacity-building ]] && start capacity-building 3003
[[ -d services/training ]] && start training 3004
start notifications 3005
for port in 3001 3002 3003 3004 3005; do
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/live" > /dev/null && break; sleep 1; done
done
echo "services up; logs in $RUN; admin $LIAISON_ADMIN_EMAIL / $LIAISON_ADMIN_PASSWORD"
