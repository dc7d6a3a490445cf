using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Tests.Benchmarks;

/// <summary>BenchmarkDotNet GitHub-Markdown reports in the shape BenchmarkDotNet 0.15.8 writes them, with chosen rates.</summary>
internal static class SampleReports
{
    public const string MatrixMultiplyRate = "MaPLe.Benchmarks.Clip.MatrixMultiplyRateBenchmarks";
    public const string TrainingStep = "MaPLe.Benchmarks.Prompting.PromptTrainingStepBenchmarks";

    /// <summary>A report with <paramref name="header"/> and <paramref name="rows"/> (cells).</summary>
    public static string Text(string[] header, params string[][] rows) => string.Join('\n', (string[])[
        "```", "",
        "BenchmarkDotNet v0.15.8, Linux Debian GNU/Linux 12 (bookworm)",
        "AMD EPYC 2.60GHz, 1 CPU, 2 logical and 2 physical cores",
        ".NET SDK 10.0.401",
        "  [Host] : .NET 10.0.12 (10.0.12, 10.0.1226.42308), X64 RyuJIT x86-64-v3", "",
        "Toolchain=InProcessEmitToolchain  IterationCount=5  LaunchCount=1  ",
        "RunStrategy=Monitoring  WarmupCount=1  ", "",
        "```",
        Row(header),
        Row([.. header.Select((h, i) => i >= Array.IndexOf(header, "Mean") || h == "Trainable params" ? "---:" : "--- ")]),   // numbers right, parameters left
        .. rows.Select((r, i) => Row(i == 0 ? [.. r.Select(c => $"**{c}**")] : r)),   // BenchmarkDotNet bolds a group's first row
        ""]);

    /// <summary>Writes a report of <paramref name="fullClassName"/> into <paramref name="folder"/>.</summary>
    public static string Write(string folder, string fullClassName, string text)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fullClassName + MarkdownReport.FileSuffix);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A matrix-multiply-rate report whose best fp32 rate is <paramref name="bestFp32"/> GFLOP/s.</summary>
    public static string Rates(string bestFp32, string bf16 = "20.0") => Text(
        ["Method", "Precision", "Layer", "Mean", "GFLOP/op", "GFLOP/s"],
        ["Linear", "fp32", "768→768", "10.00 ms", "0.939", "93.9"],
        ["Linear", "fp32", "768→3072", "37.56 ms", "3.756", bestFp32],
        ["Linear", "bf16", "768→3072", "187.8 ms", "3.756", bf16]);

    /// <summary>A training-step report with one fp32 row at <paramref name="fp32Rate"/> GFLOP/s and one bf16 row at 5.0.</summary>
    public static string Training(string fp32Rate) => Text(
        ["Method", "Precision", "Classes", "PromptMethod", "Trainable params", "Mean", "GFLOP/op", "GFLOP/s"],
        ["ForwardBackward", "fp32", "10", "maple", "3,555,072", "5.000 s", "250.000", fp32Rate],
        ["ForwardBackward", "bf16", "10", "maple", "3,555,072", "50.00 s", "250.000", "5.0"]);

    /// <summary>A fixed machine.</summary>
    public static MachineDescription Machine { get; } = new(
        "Test CPU 9000", 2, [("AVX2", true), ("AVX-512", true), ("AVX512-BF16", false), ("AMX-BF16", false)], "TestOS 1", ".NET 10.0.0",
        "TorchSharp 0.107.0, libtorch 2.10.0");

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
}
