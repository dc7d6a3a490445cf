#!/usr/bin/env bash
# Per-operation CPU profile of one MaPLe workload (training step or inference batch, ViT-B/16 shapes, random weights):
# perf samples only the measured repetitions (after set-up and a warm-up), oneDNN's JIT kernels and .NET's JIT code are
# named through perf maps, and classify.py sums the samples per kind of operation into a Markdown table.
# CPU samples count only this process's time on a core, so the shares hold on a machine busy with other work.
#
#   benchmarks/profile/profile-ops.sh step bf16 [repeat] [threads]      (needs perf: apt-get install linux-perf)
#   benchmarks/profile/profile-ops.sh inference fp32
set -euo pipefail
workload=${1:-step}; precision=${2:-bf16}; repeat=${3:-3}; threads=${4:-1}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
out=${PROFILE_OUT:-$root/BenchmarkDotNet.Artifacts/profile}
mkdir -p "$out"
command -v perf >/dev/null || { echo "perf not found: apt-get install linux-perf" >&2; exit 1; }
dotnet build "$root/benchmarks/MaPLe.Benchmarks" -c Release -nologo -v quiet >/dev/null
exe="$root/benchmarks/MaPLe.Benchmarks/bin/Release/net10.0/MaPLe.Benchmarks"
fifo=$(mktemp -u); mkfifo "$fifo"; trap 'rm -f "$fifo"' EXIT
data="$out/$workload-$precision.perf.data"; log="$out/$workload-$precision.log"
ONEDNN_JIT_PROFILE=2 DNNL_JIT_PROFILE=2 DOTNET_PerfMapEnabled=1 \
  perf record -F 997 --delay=-1 --control "fifo:$fifo" -o "$data" -- \
  "$exe" profile-workload --workload "$workload" --precision "$precision" --repeat "$repeat" --threads "$threads" --perf-control "$fifo" \
  | tee "$log"
perf report -i "$data" --stdio --no-children --sort symbol 2>/dev/null > "$out/$workload-$precision.report.txt"
python3 "$here/classify.py" "$out/$workload-$precision.report.txt" --title "$workload $precision, $threads thread(s), $repeat repetitions" --log "$log"
