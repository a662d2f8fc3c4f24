#!/usr/bin/env bash
# Runs every fault scenario (each test class under Faults/) N times, one process cluster at a time, and prints
# per test how many runs passed, failed or were skipped, and its longest run.
#   tests/Dynamo.Cluster.Tests/run-scenarios.sh [N] [class-filter]
# N defaults to 10; class-filter, an extended regular expression (e.g. 'Doomstone|JoinAndLeave'), runs only the classes it matches.
# Set NO_BUILD=1 to skip the build. Each run's console output (with what each scenario printed) is kept under $LOGS (default: a temporary folder).
set -euo pipefail
runs="${1:-10}"
only="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
logs="${LOGS:-$(mktemp -d -t dynamo-scenarios-XXXXXX)}"
mkdir -p "$logs"
if [[ "${NO_BUILD:-0}" != 1 ]]; then
  dotnet build "$here" -v q -nologo | tail -n 3
fi
classes=$(cd "$here/Faults" && grep -l '\[Fact' ./*Tests.cs | sed 's|^\./||; s|\.cs$||' | grep -E -- "$only" || true)
if [[ -z "$classes" ]]; then
  echo "no scenario class under $here/Faults matches '$only'" >&2
  exit 2
fi
results="$logs/results.txt"
: > "$results"
for class in $classes; do
  for run in $(seq 1 "$runs"); do
    log="$logs/$class-$run.log"
    # A failing run is recorded, not fatal: the summary is the point.
    dotnet test "$here" --no-build --filter "FullyQualifiedName~Faults.$class" --logger "console;verbosity=detailed" > "$log" 2>&1 || true
    # Result lines look like "  Passed Ns.Class.Test [27 s]", "  Failed … [1 m 3 s]", "  Skipped …".
    grep -E '^\s+(Passed|Failed|Skipped) Dynamo\.' "$log" | sed -E 's/^\s+//' >> "$results" || true
    printf '%s run %d/%d: %s\n' "$class" "$run" "$runs" \
      "$(grep -E '^\s+(Passed|Failed|Skipped) Dynamo\.' "$log" | sed -E 's/^\s+(\S+) Dynamo\.Cluster\.Tests\.Faults\.[^.]+\.(\S+)( \[(.*)\])?/\1 \2 \4/' | tr '\n' ';')"
  done
done
echo
echo "scenario results over $runs runs each (logs in $logs):"
awk '
  function seconds(text,   total, parts, i, n) {
    total = 0; n = split(text, parts, " ")
    for (i = 1; i < n; i += 2) {
      if (parts[i + 1] == "m") total += parts[i] * 60
      else if (parts[i + 1] == "s") total += parts[i]
      else if (parts[i + 1] == "ms") total += parts[i] / 1000
    }
    return total
  }
  {
    outcome = $1; name = $2; sub(/^Dynamo\.Cluster\.Tests\.Faults\./, "", name)
    names[name] = 1; count[name, outcome]++
    if (match($0, /\[[^]]*\]$/)) {
      t = seconds(substr($0, RSTART + 1, RLENGTH - 2))
      if (t > longest[name]) longest[name] = t
    }
  }
  END {
    for (name in names)
      printf "%-120s passed %2d  failed %2d  skipped %2d  longest %5.1f s\n", name, count[name, "Passed"], count[name, "Failed"], count[name, "Skipped"], longest[name]
  }' "$results" | sort
