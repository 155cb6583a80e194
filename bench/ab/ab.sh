#!/usr/bin/env bash
# Interleaved A/B of two revisions under the same load: a small VM's speed
# drifts by ±25 % between runs, so only runs that alternate, base then change, compare.
#
#   bench/ab/ab.sh BASE_REV CHANGE_REV [PAIRS] [bench options…]
#   bench/ab/ab.sh HEAD~1 HEAD 3 --only liaison --series briefs --window 8 --rates 50,250
#
# Each revision is checked out in a worktree of its own (node_modules shared with this one); each
# pair runs `npm run bench` once in each, with `--runs 1`, the base first in odd pairs and the
# change first in even ones (the first run of a pair is favoured); then bench/ab/summary.js prints each
# figure's median over the pairs, base beside change. Results go to $AB_DIR (default: a new
# temporary folder), which is printed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="${1:?base revision}"; change="${2:?change revision}"; pairs="${3:-3}"; shift 3 || shift $#
out="${AB_DIR:-$(mktemp -d -t liaison-ab.XXXXXX)}"
mkdir -p "$out"
trees="$(mktemp -d -t liaison-ab-trees.XXXXXX)"
cleanup() { git -C "$root" worktree remove --force "$trees/base" 2>/dev/null || true; git -C "$root" worktree remove --force "$trees/change" 2>/dev/null || true; rm -rf "$trees"; }
trap cleanup EXIT
for side in base change; do
  rev="$base"; [ "$side" = change ] && rev="$change"
  git -C "$root" worktree add -q --detach "$trees/$side" "$rev"
  ln -s "$root/node_modules" "$trees/$side/node_modules"
done
echo "A/B: $base (base) against $change (change), $pairs pairs, into $out"
for pair in $(seq 1 "$pairs"); do
  order="base change"; [ $((pair % 2)) -eq 0 ] && order="change base"
  for side in $order; do
    echo "  pair $pair: $side"
    (cd "$trees/$side" && node -r @swc-node/register bench/src/main.ts --runs 1 --results "$out/$side-$pair" "$@" > "$out/$side-$pair.log" 2>&1)
  done
done
node "$root/bench/ab/summary.js" "$out"
