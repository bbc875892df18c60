#!/bin/sh
# Compares the solver with the exact oracle on every instance the assign benchmark wrote:
#   ASSIGN_INSTANCES=/tmp/inst cargo bench --bench assign     (or ASSIGN_SEEDS=15 ... too)
#   scripts/assign_oracle_sweep.sh /tmp/inst [TIME_LIMIT_S]
# Prints: instance, our cost, the oracle's best and bound, its status, gap of ours to
# the oracle's best in percent, and the oracle's seconds.
dir=${1:?usage: assign_oracle_sweep.sh DIR [TIME_LIMIT_S]}
limit=${2:-300}
here=$(dirname "$0")
printf '%-26s %8s %8s %10s %-18s %7s %8s\n' instance ours oracle bound status gap% seconds
for f in "$dir"/*.json; do
  name=$(basename "$f" .json)
  ours=$(cat "$dir/$name.cost")
  python3 "$here/assign_oracle.py" "$f" --time-limit "$limit" | python3 -c '
import json, sys
o = json.load(sys.stdin)
ours = int(sys.argv[2])
best = o["optimum"]
gap = "-" if best is None else "%.2f" % (100.0 * (ours - best) / best)
print("%-26s %8d %8s %10.1f %-18s %7s %8.2f" % (sys.argv[1], ours, best, o["bound"], o["status"], gap, o["seconds"]))
' "$name" "$ours"
done
