using System.Diagnostics;
using System.Globalization;
using MaPLe.Benchmarks.Prompting;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Diagnostics;

/// <summary>
/// <c>profile-workload</c>: runs the training step or the inference batch of the prompt benchmarks (MaPLe on a
/// ViT-B/16-shaped CLIP with random weights) a few times after a warm-up, for a sampling profiler (perf) to attribute
/// the time to libtorch's kernels: <c>benchmarks/profile/profile-ops.sh</c> drives it. Not a measurement of its own
/// (BenchmarkDotNet measures); it prints the CPU seconds per repetition so a profile can be read against them.
/// </summary>
internal static class ProfileWorkloadCommand
{
    public const string Name = "profile-workload";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string workload = "step", precision = "bf16", method = "maple";
        string? perfControl = null;
        int repeat = 3, threads = 1;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--workload": workload = Value(); break;
                case "--precision": precision = Value(); break;
                case "--method": method = Value(); break;
                case "--repeat": repeat = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--perf-control": perfControl = Value(); break;
                default:
                    error.WriteLine($"{Name}: unknown option '{args[i]}'. Options: --workload step|inference, --precision fp32|bf16, --method <id>, --repeat N, --threads N, --perf-control FIFO.");
                    return 2;
            }
        }
        if (workload is not ("step" or "inference") || precision is not ("fp32" or "bf16") || repeat < 1 || threads < 1)
        {
            error.WriteLine($"{Name}: --workload must be step or inference, --precision fp32 or bf16, --repeat and --threads ≥ 1.");
            return 2;
        }
        set_num_threads(threads);
        // The benchmarks' own workloads: a step over 10 classes, an inference batch with the class text features cached.
        using var step = workload == "step" ? PromptWorkloads.TrainingStep(method, precision, classes: 10) : null;
        using var inference = step is null ? PromptWorkloads.Inference(method, precision) : null;
        Action run = step is not null ? () => step.ForwardBackward() : () => inference!.Logits(cachedText: true);
        run(); // warm-up: kernels chosen, caches filled
        // perf record --control fifo:FIFO --delay=-1 samples only between these two commands: setup (random weights) and
        // the warm-up stay out of the profile.
        PerfControl(perfControl, "enable");
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeat; r++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            run();
            process.Refresh();
            output.WriteLine(FormattableString.Invariant(
                $"{workload} {precision} {method} threads={threads} repetition {r + 1}: {(process.TotalProcessorTime - cpu).TotalSeconds:F2} CPU-s, {wall.Elapsed.TotalSeconds:F2} s"));
        }
        PerfControl(perfControl, "disable");
        return 0;
    }

    private static void PerfControl(string? fifo, string command)
    {
        if (fifo is null) return;
        using var writer = new StreamWriter(fifo);
        writer.WriteLine(command);
    }
}
