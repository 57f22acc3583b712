#!/usr/bin/env bash
# Packs Rnn.Onnx and Rnn.MLNet into a local folder (default artifacts/packages) and builds the two consumers of
# eng/consumers outside the repository, from that folder and the normal package source only (a nuget.config beside
# them adds the folder; Rnn.* are restored into a throw-away packages folder, so no earlier package of the same version
# is reused). Train trains a tiny LSTM with Rnn.MLNet + the CPU natives, saves it and exports ONNX; Score scores that file
# with Rnn.Onnx + Microsoft.ML.OnnxRuntime only. Both print their result. Then each is built once more without its
# native runtime, and must fail naming the package to add.
# Usage: bash eng/pack-and-consume.sh [package folder]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
feed="$(realpath -m "${1:-artifacts/packages}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d "${TMPDIR:-/tmp}/rnn-consumers-XXXXXX")"
trap 'rm -rf "$work"' EXIT
for name in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
  dir="$work"
  while [ "$dir" != "/" ]; do
    [ -e "$dir/$name" ] && { echo "$dir/$name would reach the consumers; set TMPDIR to a folder outside any build tree" >&2; exit 1; }
    dir="$(dirname "$dir")"
  done
done

rm -rf "$feed"
mkdir -p "$feed"
for project in Rnn.Onnx Rnn.MLNet; do
  dotnet pack "src/$project/$project.csproj" -c Release -o "$feed" -p:ContinuousIntegrationBuild=true -nologo -v:q
done
version="$(dotnet msbuild src/Rnn.MLNet/Rnn.MLNet.csproj -getProperty:Version)"
echo "packed version $version into $feed:"
ls -l "$feed"

cp -r eng/consumers/Train eng/consumers/Score "$work/"
# Everything but Rnn.* comes from the user's packages folder (filled by the repository's own restore) or the normal source.
user_packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <add key="rnn-local" value="$feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="user-packages" value="$user_packages" />
  </fallbackPackageFolders>
</configuration>
XML

build() { # project, output folder, extra properties...
  local project="$1" out="$2"
  shift 2
  env -u NUGET_PACKAGES dotnet build "$work/$project/$project.csproj" -c Release -o "$out" -p:RnnVersion="$version" \
    --disable-build-servers -nodeReuse:false -nologo -v:q "$@" > "$work/$project-build.log" 2>&1 \
    || { cat "$work/$project-build.log"; echo "building the $project consumer failed" >&2; exit 1; }
}
same_as_packed() { # package id, built folder
  local id="$1" built="$2"
  cmp -s <(unzip -p "$feed/$id.$version.nupkg" "lib/net10.0/$id.dll") "$built/$id.dll" \
    || { echo "$built/$id.dll is not the $id.dll packed in $feed" >&2; exit 1; }
}

build Train "$work/train-bin"
same_as_packed Rnn.MLNet "$work/train-bin"
same_as_packed Rnn.Onnx "$work/train-bin"
dotnet "$work/train-bin/Train.dll" "$work/model"

build Score "$work/score-bin"
same_as_packed Rnn.Onnx "$work/score-bin"
for forbidden in Rnn.MLNet.dll Microsoft.ML.Core.dll TorchSharp.dll; do
  [ ! -e "$work/score-bin/$forbidden" ] || { echo "the scoring consumer must not get $forbidden" >&2; exit 1; }
done
dotnet "$work/score-bin/Score.dll" "$work/model/model.onnx"

# Without the native runtime the first call names the package to add.
expect_failure() { # name, text expected in the output, command...
  local name="$1" text="$2"
  shift 2
  # (in a shell of its own, whose note that the process aborted on the unhandled exception goes nowhere)
  if bash -c 'log="$1"; shift; "$@" > "$log" 2>&1' _ "$work/$name.log" "$@" 2> /dev/null; then
    cat "$work/$name.log"; echo "$name: ran without its native runtime" >&2; exit 1
  fi
  grep -qF "$text" "$work/$name.log" || { cat "$work/$name.log"; echo "$name: no '$text' in its error" >&2; exit 1; }
  echo "$name: fails as it should:"
  grep -m1 "Unhandled exception" "$work/$name.log" | cut -c1-600
}
build Score "$work/score-bare" -p:WithoutNatives=true
expect_failure "score consumer without Microsoft.ML.OnnxRuntime" "dotnet add package Microsoft.ML.OnnxRuntime --version" \
  dotnet "$work/score-bare/Score.dll" "$work/model/model.onnx"
build Train "$work/train-bare" -p:WithoutNatives=true
expect_failure "train consumer without libtorch" "dotnet add package libtorch-cpu-linux-x64 --version" \
  dotnet "$work/train-bare/Train.dll" "$work/model-bare"
echo "consumers passed"
