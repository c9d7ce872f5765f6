#!/usr/bin/env bash
# Load comparison of an example with albtarget (A) and with alb.enabled=false (B), runs interleaved A B A B in one
# invocation, so that both sides see the same machine. Reports throughput and p99 latency of the hello endpoint for
# each side, their ratio, and the health endpoint's p99 while the hello endpoint is saturated.
#
#   [EXAMPLE=servlet|micronaut] benchmarks/load.sh [rounds, default 5] [seconds per run, default 10]
#
# EXAMPLE chooses the example: servlet (the default, embedded Tomcat 11) or micronaut (Micronaut 4 on its Netty
# server). Both take their port from PORT and albtarget's settings from ALB_* variables; a missing jar is built.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/wrk-lib.sh

rounds=${1:-5}
seconds=${2:-10}
example=${EXAMPLE:-servlet}
case "$example" in
  servlet | micronaut) ;;
  *)
    echo "EXAMPLE must be servlet or micronaut, but was '$example'" >&2
    exit 2
    ;;
esac
jar=examples/$example/target/albtarget-example-$example.jar
need_wrk
if [ ! -f "$jar" ]; then
  mvn -B -q -ntp -DskipTests package -pl "examples/$example" -am
fi

# no drain wait: the servers are stopped at the end with SIGTERM, and no ALB has them registered
start 18090 env PORT=18090 ALB_DRAIN_WAIT=0s java -jar "$jar"
start 18091 env PORT=18091 ALB_ENABLED=false java -jar "$jar"
echo "warming up both sides..."
hello 18090 5 >/dev/null
hello 18091 5 >/dev/null

echo "round  with-albtarget(req/s p99ms)  without(req/s p99ms)  throughput-ratio  health-p99ms-under-load"
rows=$(mktemp)
for round in $(seq 1 "$rounds"); do
  read -r rps_on p99_on < <(hello 18090 "$seconds")
  read -r rps_off p99_off < <(hello 18091 "$seconds")
  # the health endpoint on one more connection while the hello endpoint of the same server is saturated
  wrk -t1 -c"${CONNECTIONS:-32}" -d"$seconds"s "http://127.0.0.1:18090/" >/dev/null &
  background=$!
  sleep 1
  read -r _ health_p99 < <(wrk -t1 -c1 -d"$((seconds - 2))"s --latency "http://127.0.0.1:18090/health" | summarize)
  wait "$background"
  ratio=$(awk -v a="$rps_on" -v b="$rps_off" 'BEGIN { printf "%.3f", a / b }')
  printf "%5d  %10s %8s  %14s %8s  %16s  %22s\n" "$round" "$rps_on" "$p99_on" "$rps_off" "$p99_off" "$ratio" \
    "$health_p99"
  echo "$ratio $p99_on $p99_off $health_p99" >>"$rows"
done

read -r ratio ratio_min ratio_max < <(column_stats 1 <"$rows")
read -r p99_on _ _ < <(column_stats 2 <"$rows")
read -r p99_off _ _ < <(column_stats 3 <"$rows")
read -r health _ health_max < <(column_stats 4 <"$rows")
echo
echo "throughput with/without albtarget: median $ratio (min $ratio_min, max $ratio_max) over $rounds rounds"
echo "hello p99: with $p99_on ms, without $p99_off ms (medians)"
echo "health p99 under load: median $health ms (max $health_max ms)"
rm -f "$rows"
