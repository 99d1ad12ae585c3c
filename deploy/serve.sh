#!/usr/bin/env bash
# Run N Streamlit processes on one shared DuckLake behind HAProxy:
#   deploy/serve.sh N PORT LAKE
# LAKE is what DASHBOARD_LAKE takes (dashboard/engine/lake.py): a folder (the catalog in SQLite
# beside its data/ folder; several processes on one machine share it), or
# `ducklake:postgres:dbname=… host=… user=… data_path=…`. A missing folder is made as the demo
# database (`python -m dashboard demo`); a PostgreSQL catalog must exist already.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2}
PORT=${2:-8501}
LAKE=${3:-data/demo.lake}
PY=.venv/bin/python
FIRST_BACKEND=${FIRST_BACKEND:-8601}

case "$LAKE" in
    ducklake:*) ;;
    *) [ -f "$LAKE/catalog.sqlite" ] || "$PY" -m dashboard demo --db "$LAKE" ;;
esac

pids=()
config=$(mktemp --suffix=.cfg)
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -f "$config"; }
trap cleanup EXIT INT TERM

servers=""
for i in $(seq 1 "$N"); do
    backend=$((FIRST_BACKEND + i - 1))
    DASHBOARD_LAKE="$LAKE" "$PY" -m dashboard serve \
        --server.headless true --server.address 127.0.0.1 --server.port "$backend" \
        --server.fileWatcherType none --browser.gatherUsageStats false &
    pids+=($!)
    servers+="    server s$i 127.0.0.1:$backend check cookie s$i"$'\n'
done

sed -e "s/@PORT@/$PORT/" -e "/@SERVERS@/d" deploy/haproxy.cfg.template > "$config"
printf '%s' "$servers" >> "$config"
haproxy -c -q -f "$config"
shown=$(printf '%s' "$LAKE" | sed -E 's/password=[^ ]+/password=…/')  # never print a password
echo "HAProxy on http://localhost:$PORT → $N Streamlit processes (ports $FIRST_BACKEND…) on $shown"
haproxy -f "$config" -db &
pids+=($!)
# The first to stop (a crashed server, HAProxy) stops them all (the trap).
wait -n
