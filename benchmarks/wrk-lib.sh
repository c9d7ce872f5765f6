# Shared by load.sh and parts.sh: wrk, servers started in the background, and the statistics of the rounds.
# Only loopback addresses are loaded.

need_wrk() {
  if command -v wrk >/dev/null 2>&1; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "wrk is missing; install it (Debian/Ubuntu: apt-get install wrk)" >&2
    exit 2
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

pids=()
stop_servers() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_servers EXIT

# start PORT COMMAND...: runs the command in the background and waits until the port answers
start() {
  local port=$1
  shift
  "$@" >"/tmp/albtarget-bench-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      return
    fi
    sleep 0.1
  done
  echo "the server on port $port did not start; see /tmp/albtarget-bench-$port.log" >&2
  exit 1
}

# wrk's output -> "requests_per_second p99_ms"
summarize() {
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" {
      v = $2
      if (v ~ /us$/) { sub(/us$/, "", v); p99 = v / 1000 }
      else if (v ~ /ms$/) { sub(/ms$/, "", v); p99 = v }
      else if (v ~ /s$/) { sub(/s$/, "", v); p99 = v * 1000 }
    }
    END { printf "%.0f %.3f\n", rps, p99 }'
}

# hello PORT SECONDS [PATH]: saturating load on one endpoint -> "requests_per_second p99_ms"
hello() { wrk -t2 -c"${CONNECTIONS:-32}" -d"$2"s --latency "http://127.0.0.1:$1${3:-/}" | summarize; }

# reads lines of numbers, prints "median min max" of column N
column_stats() {
  awk -v n="$1" '
    { v[NR] = $n }
    END {
      for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.3f %.3f %.3f\n", median, v[1], v[NR]
    }'
}
