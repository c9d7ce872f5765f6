#!/usr/bin/env bash
# CPU time per request of the servlet example with albtarget (A) and with alb.enabled=false (B): both servers run
# side by side and take turns, A B B A A B ..., each turn a fixed number of seconds of moderate load that leaves the
# machine idle most of the time, so the figure is what a request costs rather than how many fit. The server's own
# CPU time (utime + stime from /proc/PID/stat) is read before and after each turn and divided by the requests wrk
# completed in it. Requests look like those an ALB forwards: 10 field lines with X-Forwarded-* and
# X-Amzn-Trace-Id. Only loopback addresses are loaded.
#
#   benchmarks/cpu.sh [rounds, default 5] [seconds per turn, default 10]
#
# The load is CONNECTIONS connections (default 4), each sending its next request DELAY_MS milliseconds (default 1)
# after the last answer.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/wrk-lib.sh

rounds=${1:-5}
seconds=${2:-10}
connections=${CONNECTIONS:-4}
delay_ms=${DELAY_MS:-1}
jar=examples/servlet/target/albtarget-example-servlet.jar
for value in "$rounds" "$seconds" "$connections" "$delay_ms"; do
  if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
    echo "rounds, seconds, CONNECTIONS and DELAY_MS must be whole numbers from 1, but one was '$value'" >&2
    exit 2
  fi
done
if [ "$rounds" -lt 5 ]; then
  echo "rounds must be at least 5 for a median and a spread, but was $rounds" >&2
  exit 2
fi
need_wrk
# always packaged anew: a jar left from before a change would measure the code before it (and packaging over a
# shaded jar keeps the classes shaded into it)
rm -f "$jar"
mvn -B -q -ntp -DskipTests package -pl examples/servlet -am

script=$(mktemp --suffix=.lua)
rows=$(mktemp)
trap 'rm -f "$script" "$rows"; stop_servers' EXIT
# a pause after each answer keeps the load moderate: wrk otherwise sends the next request at once
cat >"$script" <<EOF
function delay()
  return $delay_ms
end
EOF

on=18092
off=18093
start "$on" env PORT="$on" java -jar "$jar"
pid_on=${pids[-1]}
start "$off" env PORT="$off" ALB_ENABLED=false java -jar "$jar"
pid_off=${pids[-1]}

# the server's CPU time in clock ticks: utime and stime, fields 14 and 15, counted after the command name
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
hz=$(getconf CLK_TCK)

# turn PORT PID SECONDS -> "requests cpu_seconds"
turn() {
  local before after out requests
  before=$(ticks "$2")
  out=$(wrk -t1 -c"$connections" -d"$3"s -s "$script" \
    -H 'X-Forwarded-For: 203.0.113.9, 198.51.100.4' -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-Port: 443' \
    -H 'X-Amzn-Trace-Id: Root=1-63441c4a-abcdef012345678912345678' \
    -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36' \
    -H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8' \
    -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'Accept-Language: en-GB,en;q=0.9,de;q=0.8' \
    -H 'Cookie: session=7f3c2a9e1b4d4e6f8a0b1c2d3e4f5a6b; theme=dark; consent=1' \
    "http://127.0.0.1:$1/")
  after=$(ticks "$2")
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "the server on port $1 answered requests with other than 2xx or 3xx:" >&2
    echo "$out" >&2
    exit 1
  fi
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  awk -v r="$requests" -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%d %.2f\n", r, t / hz }'
}

echo "warming up both sides..."
turn "$on" "$pid_on" 30 >/dev/null
turn "$off" "$pid_off" 30 >/dev/null

echo "round  with-albtarget(requests cpu-s us/request)  without(requests cpu-s us/request)  ratio  load-average"
for round in $(seq 1 "$rounds"); do
  # the side that goes first alternates, so that neither always meets the machine as the other left it
  if ((round % 2)); then
    read -r requests_on cpu_on < <(turn "$on" "$pid_on" "$seconds")
    read -r requests_off cpu_off < <(turn "$off" "$pid_off" "$seconds")
  else
    read -r requests_off cpu_off < <(turn "$off" "$pid_off" "$seconds")
    read -r requests_on cpu_on < <(turn "$on" "$pid_on" "$seconds")
  fi
  read -r us_on us_off ratio < <(awk -v a="$cpu_on" -v n="$requests_on" -v b="$cpu_off" -v m="$requests_off" \
    'BEGIN { x = a * 1e6 / n; y = b * 1e6 / m; printf "%.1f %.1f %.3f\n", x, y, x / y }')
  printf "%5d  %9s %6s %8s  %14s %6s %8s  %6s  %s\n" "$round" "$requests_on" "$cpu_on" "$us_on" "$requests_off" \
    "$cpu_off" "$us_off" "$ratio" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "$us_on $us_off $ratio" >>"$rows"
done

# summary COLUMN TEXT UNIT: the median and spread of one column of the rounds
summary() {
  local median min max
  read -r median min max < <(column_stats "$1" <"$rows")
  echo "$2: median $median$3 (min $min, max $max)"
}
echo
summary 1 "server CPU per request with albtarget" " us"
summary 2 "server CPU per request without" " us"
summary 3 "with/without" ""
echo "over $rounds rounds of ${seconds} s per side; $connections connections, ${delay_ms} ms between an answer and" \
  "the next request"
