#!/usr/bin/env bash
# Reviews a Pulumi stack's pending change as a pull request needs it, with nothing but the
# pulumi CLI and the pulumi-tencent-css package installed in the project:
#
#   1. `pulumi preview --diff` with the package's policy pack (the plan, property by property);
#   2. `pulumi preview --json`, checked by `pulumi-tencent-css plan-check` against the live
#      state: what `pulumi up` will refuse (a template still bound elsewhere, another team's
#      rule, the 50-template limit, an adoption of a missing id);
#   3. a markdown summary for the pull request, in $REVIEW_OUT/summary.md.
#
# Usage: review.sh <stack> [project-dir]     (credentials as for `pulumi up`)
# Exit: 0 the change can be applied; 1 a policy failed or `pulumi up` would refuse something;
#       2 the review itself could not run (bad arguments, preview failed to run).
# Environment: REVIEW_OUT (default ./review-out), STATE_FILES (space-separated
# `pulumi stack export` files of other stacks, to name whose rules a change meets).
set -uo pipefail

STACK="${1:?usage: review.sh <stack> [project-dir]}"
PROJECT="${2:-.}"
OUT="${REVIEW_OUT:-review-out}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PACK="$PROJECT/node_modules/pulumi-tencent-css/policy-pack"

echo "== pulumi preview --diff, with the pulumi-tencent-css policy pack"
pulumi preview --stack "$STACK" --cwd "$PROJECT" --diff --non-interactive --policy-pack "$PACK" >"$OUT/preview.txt" 2>&1
policy_status=$?
cat "$OUT/preview.txt"

echo "== pulumi preview --json"
if ! pulumi preview --stack "$STACK" --cwd "$PROJECT" --json --non-interactive >"$OUT/preview.json" 2>"$OUT/preview-json.err"; then
  if [ "$policy_status" -eq 0 ]; then
    echo "pulumi preview --json failed:" >&2
    cat "$OUT/preview-json.err" >&2
    exit 2
  fi
fi

echo "== pulumi-tencent-css plan-check"
state_args=()
for file in ${STATE_FILES:-}; do state_args+=(--state "$file"); done
(cd "$PROJECT" && npx --no-install pulumi-tencent-css plan-check "$OUT/preview.json" --format markdown "${state_args[@]}") >"$OUT/plan-check.md"
check_status=$?
if [ "$check_status" -eq 2 ]; then exit 2; fi
cat "$OUT/plan-check.md"

{
  echo "## Pulumi preview of \`$STACK\`"
  echo
  if [ "$policy_status" -eq 0 ]; then echo "✅ policy pack: no mandatory violation"; else echo "❌ policy pack: mandatory violations (see the preview log)"; fi
  # Each violation the CLI printed: "<pack> [<level>]  <policy>  (<type>: <name>)<description>",
  # then the message on the next line.
  awk '/ \[(mandatory|advisory)\]  / {
         match($0, /\[(mandatory|advisory)\]/); level = substr($0, RSTART + 1, RLENGTH - 2)
         rest = substr($0, RSTART + RLENGTH); sub(/^ +/, "", rest); split(rest, parts, "  ")
         getline message; sub(/^ +/, "", message)
         printf "- %s `%s`: %s\n", (level == "mandatory" ? "❌" : "⚠️"), parts[1], message }' "$OUT/preview.txt"
  echo
  cat "$OUT/plan-check.md"
} >"$OUT/summary.md"

echo "== summary ($OUT/summary.md)"
cat "$OUT/summary.md"
if [ "$policy_status" -ne 0 ] || [ "$check_status" -ne 0 ]; then exit 1; fi
exit 0
