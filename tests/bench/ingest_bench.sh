#!/usr/bin/env bash
# Ingestion benchmark: wrk posting COC alarms (a new alarmId per request) to alarmgate, in
# durability `process` and `machine`, against the bare baseline POST /-/healthy with the same body.
# Usage: tests/bench/ingest_bench.sh [path/to/alarmgate] [duration_s] [connections] [wrk_threads]
#        [rounds]
# Each round measures bare, process and machine back to back, so each round's ratios compare runs
# seconds apart; the summary is the median over the rounds (a shared machine drifts between runs).
# 127.0.0.1 only; every process it starts is killed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${1:-}"
duration="${2:-10}"
connections="${3:-64}"
wrk_threads="${4:-1}"
rounds="${5:-3}"

if [[ -z "$bin" ]]; then
  # The most recently built binary under build*/.
  bin="$(ls -t "$repo"/build*/gateway/alarmgate 2>/dev/null | head -n1 || true)"
fi
if [[ -z "$bin" || ! -x "$bin" ]]; then
  echo "alarmgate binary not found: build it first (cmake --build build --target alarmgate) or pass its path" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl not installed" >&2; exit 2; }

work="$(mktemp -d /tmp/alarmgate-bench-XXXXXX)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

key="bench-key-$(date +%s)"
port=""

# write_rules FILE N: N rules the bench alarms do not match (each indexed by an alarmName of its
# own, as real rule sets mostly are), then one that matches them all and groups them into one
# incident, so every request runs the matcher and the rule engine.
write_rules() {
  local file="$1" n="$2"
  {
    echo "rules:"
    for ((i = 1; i < n; i++)); do
      printf '  - name: r%d\n    match: {alarmName: "other-%d", applicationId: app-%d}\n' "$i" "$i" "$i"
      printf '    incident: {title: "${alarmName}", assignee: oncall}\n'
    done
    printf '  - name: bench\n    match: {integration: bench, alarmLevel: [Critical, Major]}\n'
    printf '    group_by: [applicationId]\n    incident: {title: "${alarmName}", assignee: oncall}\n'
  } >"$file"
}

# start_server NAME DURABILITY [RULES_FILE]: starts alarmgate on a free port with a fresh data
# dir; sets pid and port.
start_server() {
  local name="$1" durability="$2" rules="${3:-}" dir="$work/$1"
  mkdir -p "$dir/data"
  local rules_line="rules_files: []"
  [[ -n "$rules" ]] && rules_line="rules_files: [\"$rules\"]"
  cat >"$dir/alarmgate.yaml" <<YAML
server:
  listen: 127.0.0.1:0
storage:
  data_dir: "$dir/data"
  durability: $durability
integrations:
  - key: "$key"
    name: bench
    format: coc
    rate_limit_per_s: 0
$rules_line
inventory_files: []
log:
  level: info  # the port is read from the event=listening line
YAML
  "$bin" --config "$dir/alarmgate.yaml" --listen 127.0.0.1:0 --data-dir "$dir/data" \
    2>"$dir/stderr.log" >/dev/null &
  pid=$!
  port=""
  for _ in $(seq 100); do
    port="$(grep -o 'event=listening.*' "$dir/stderr.log" 2>/dev/null | grep -o 'port="\?[0-9]*' | grep -o '[0-9]*$' | tail -n1 || true)"
    [[ -n "$port" ]] && break
    kill -0 "$pid" 2>/dev/null || { echo "alarmgate exited:" >&2; cat "$dir/stderr.log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "no event=listening port=N in the log" >&2; cat "$dir/stderr.log" >&2; exit 1; }
  for _ in $(seq 100); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/-/ready")" == 200 ]] && return 0
    sleep 0.1
  done
  echo "alarmgate not ready" >&2
  exit 1
}

stop_server() {
  kill -TERM "$pid"
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then echo "alarmgate did not stop on SIGTERM" >&2; kill -KILL "$pid"; fi
  wait "$pid" 2>/dev/null || true
  pid=""
}

# to_ms VALUE: wrk latency ("812.33us", "1.20ms", "1.01s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else printf "%s", v }'
}

# run_wrk NAME PATH: runs the load, records req/s, p50, p99 and non-2xx in results.
declare -A rps p50 p99 errs
run_wrk() {
  local name="$1" path="$2" out
  out="$(timeout $((duration + 30)) wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency \
    -s "$here/ingest.lua" "http://127.0.0.1:$port$path")"
  echo "$out" >"$work/wrk-$name.txt"
  rps[$name]="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
  p50[$name]="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99[$name]="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errs[$name]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
  errs[$name]="${errs[$name]:-0}"
  local socket_errors
  socket_errors="$(grep 'Socket errors' <<<"$out" || true)"
  [[ -n "$socket_errors" ]] && errs[$name]="${errs[$name]} ($socket_errors)"
  return 0
}

echo "alarmgate: $bin"
echo "load: wrk -t$wrk_threads -c$connections -d${duration}s, $(nproc) cores shared by wrk and alarmgate, $rounds rounds"

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# median V...: the middle value (the lower middle for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '\n%-6s %-10s %12s %10s %10s %12s %s\n' "round" "target" "req/s" "p50 ms" "p99 ms" "vs bare" "non-2xx"
process_ratios=()
machine_ratios=()
for ((round = 1; round <= rounds; round++)); do
  start_server process process
  run_wrk bare "/-/healthy"
  run_wrk process "/v1/event/huawei/custom/$key"
  stop_server
  start_server machine machine
  run_wrk machine "/v1/event/huawei/custom/$key"
  stop_server
  for name in bare process machine; do
    printf '%-6s %-10s %12s %10s %10s %12s %s\n' "$round" "$name" "${rps[$name]}" "${p50[$name]}" \
      "${p99[$name]}" "$(ratio "${rps[$name]}" "${rps[bare]}")" "${errs[$name]}"
  done
  process_ratios+=("$(ratio "${rps[process]}" "${rps[bare]}")")
  machine_ratios+=("$(ratio "${rps[machine]}" "${rps[bare]}")")
done

write_rules "$work/rules10.yaml" 10
write_rules "$work/rules5000.yaml" 5000
start_server rules10 process "$work/rules10.yaml"
run_wrk rules10 "/v1/event/huawei/custom/$key"
stop_server
start_server rules5000 process "$work/rules5000.yaml"
run_wrk rules5000 "/v1/event/huawei/custom/$key"
stop_server
for name in rules10 rules5000; do
  printf '%-6s %-10s %12s %10s %10s %12s %s\n' "-" "$name" "${rps[$name]}" "${p50[$name]}" \
    "${p99[$name]}" "" "${errs[$name]}"
done

echo
echo "process / bare, median of ${rounds}: $(median "${process_ratios[@]}")  (rounds: ${process_ratios[*]})"
echo "machine / bare, median of ${rounds}: $(median "${machine_ratios[@]}")  (rounds: ${machine_ratios[*]})"
echo "rules: 5000 rules / 10 rules = $(ratio "${rps[rules5000]}" "${rps[rules10]}")"
