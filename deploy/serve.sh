#!/usr/bin/env bash
# Run N Streamlit processes on one shared, versioned database behind HAProxy:
#   deploy/serve.sh N PORT STORE SOURCE
# The store (a directory of database versions) is created from SOURCE when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2}
PORT=${2:-8501}
STORE=${3:-data/store}
SOURCE=${4:-data/demo.duckdb}
PY=.venv/bin/python
FIRST_BACKEND=${FIRST_BACKEND:-8601}

[ -d "$STORE" ] || "$PY" -m dashboard store init --from "$SOURCE" --to "$STORE"

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

servers=""
for i in $(seq 1 "$N"); do
    backend=$((FIRST_BACKEND + i - 1))
    DASHBOARD_DB="$STORE" "$PY" -m dashboard serve \
        --server.headless true --server.address 127.0.0.1 --server.port "$backend" \
        --server.fileWatcherType none --browser.gatherUsageStats false &
    pids+=($!)
    servers+="    server s$i 127.0.0.1:$backend check cookie s$i"$'\n'
done

config=$(mktemp --suffix=.cfg)
sed -e "s/@PORT@/$PORT/" -e "/@SERVERS@/d" deploy/haproxy.cfg.template > "$config"
printf '%s' "$servers" >> "$config"
echo "HAProxy on http://localhost:$PORT → $N Streamlit processes (ports $FIRST_BACKEND…)"
haproxy -f "$config" -db &
pids+=($!)
wait -n
