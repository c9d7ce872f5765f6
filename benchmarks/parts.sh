#!/usr/bin/env bash
# What each part of albtarget costs on embedded Tomcat: the hello servlet with nothing, with Tomcat's cap of 100
# requests per connection lifted, with albtarget's connector (guard and keep-alive tuning), with a filter that does
# nothing (what any filter costs), with albtarget's filter only, and with both. Runs interleaved, round by round; reports each part's throughput and p99 as ratios to plain Tomcat.
#
#   benchmarks/parts.sh [rounds, default 3] [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/wrk-lib.sh

rounds=${1:-3}
seconds=${2:-10}
jar=benchmarks/target/albtarget-benchmarks.jar
parts=(PLAIN UNCAPPED CONNECTOR EMPTY_FILTER FILTER ALL)
need_wrk
if [ ! -f "$jar" ]; then
  mvn -B -q -ntp -DskipTests package -pl benchmarks -am
fi

port=18100
for part in "${parts[@]}"; do
  start "$port" java -cp "$jar" io.albtarget.benchmarks.TomcatParts "$part" "$port"
  hello "$port" 5 >/dev/null
  port=$((port + 1))
done

rows=$(mktemp)
for round in $(seq 1 "$rounds"); do
  port=18100
  line="$round"
  for part in "${parts[@]}"; do
    read -r rps p99 < <(hello "$port" "$seconds")
    line="$line $rps $p99"
    port=$((port + 1))
  done
  echo "$line" | tee -a "$rows" | awk '{ printf "round %d:", $1; for (i = 2; i <= NF; i += 2) printf " %s/s %sms", $i, $(i + 1); print "" }'
done

echo
echo "part          req/s (median)  ratio to PLAIN (min-max)  p99 ms (median)"
index=0
for part in "${parts[@]}"; do
  rps_column=$((2 + 2 * index))
  read -r rps _ _ < <(column_stats "$rps_column" <"$rows")
  read -r p99 _ _ < <(column_stats "$((rps_column + 1))" <"$rows")
  read -r ratio ratio_min ratio_max < <(awk -v c="$rps_column" '{ print $c / $2 }' "$rows" | column_stats 1)
  printf "%-12s  %14.0f  %6s (%s-%s)  %15s\n" "$part" "$rps" "$ratio" "$ratio_min" "$ratio_max" "$p99"
  index=$((index + 1))
done
rm -f "$rows"
