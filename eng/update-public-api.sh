#!/usr/bin/env bash
# Rewrites src/<project>/PublicAPI.Unshipped.txt from the public API analyzer's findings: symbols the build reports
# as undeclared (RS0016) are added, declared symbols it can no longer find (RS0017) are removed. Review the diff:
# it is the change to the packages' public API.
# Usage: bash eng/update-public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for project in Rnn.Onnx Rnn.MLNet; do
  dir="src/$project"
  log="$(mktemp)"
  dotnet build "$dir/$project.csproj" --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= > "$log" 2>&1 || true
  added="$(grep -F "$project.csproj]" "$log" | grep -E "RS0016" | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u || true)"
  removed="$(grep -F "$project.csproj]" "$log" | grep -E "RS0017" | sed -E "s/.*Symbol '(.*)' is part of the declared API, but.*/\1/" | sort -u || true)"
  rm -f "$log"
  {
    echo "#nullable enable"
    { grep -v '^#nullable' "$dir/PublicAPI.Unshipped.txt" || true; printf '%s\n' "$added"; } \
      | grep -v '^$' | grep -vxF -f <(printf '%s\n' "$removed" | grep -v '^$' || echo '#no-removals#') | LC_ALL=C sort -u
  } > "$dir/PublicAPI.Unshipped.txt.new"
  mv "$dir/PublicAPI.Unshipped.txt.new" "$dir/PublicAPI.Unshipped.txt"
  echo "$project: $(printf '%s\n' "$added" | grep -c . || true) added, $(printf '%s\n' "$removed" | grep -c . || true) removed"
done
