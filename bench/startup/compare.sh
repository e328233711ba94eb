#!/usr/bin/env bash
# Alternating app starts of two checkouts, cold and warm, N pairs (default 3): one line per start from
# apphost-start.sh, prefixed with the pair, the kind and which checkout; the summary (medians, per-pair ratios) at the end.
#
#   bash bench/startup/compare.sh OLD_TREE NEW_TREE [PAIRS]
#
# cold: no Redis data directory (removed before the start); warm: the next start of the same checkout, its Redis data
# kept. Each pair runs old and new back to back, in turns first (odd pairs old first, even pairs new first).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
old=$1 new=$2 pairs=${3:-3}
results=$(mktemp /tmp/startup-compare.XXXXXX)

one() { # pair kind side tree [args]
  local line
  line=$(bash "$here/apphost-start.sh" --tree "$4" "${@:5}") || line="$line FAILED"
  echo "pair=$1 kind=$2 side=$3 $line" | tee -a "$results"
}

for pair in $(seq 1 "$pairs"); do
  if [ $((pair % 2)) = 1 ]; then order="old new"; else order="new old"; fi
  for side in $order; do
    tree=$([ "$side" = old ] && echo "$old" || echo "$new")
    one "$pair" cold "$side" "$tree" --fresh-redis
    one "$pair" warm "$side" "$tree"
  done
done

echo "--- summary (healthy_s: command → every resource healthy)"
awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    key = f["kind"] " " f["side"]; t[key, f["pair"]] = f["healthy_s"]; n[key]++; v[key] = v[key] " " f["healthy_s"]; pairs[f["pair"]] = 1 }
  function median(list,   a, m, i, j, x) {
    m = split(list, a, " "); for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > x + 0; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
  END {
    for (k = 0; k < 2; k++) { kind = k ? "warm" : "cold"
      printf "%s: old median %.2f s, new median %.2f s, new/old per pair:", kind, median(v[kind " old"]), median(v[kind " new"])
      for (p in pairs) printf " %.2f", t[kind " new", p] / t[kind " old", p]
      printf "\n" } }' "$results"
