using MaPLe.Cli.Commands;
using MaPLe.Clip;
using MaPLe.Runtime;
using TorchSharp;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Cli;

/// <summary>Options shared by the commands (weights, vocabulary, device) and the output writers.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, bool interactive)
{
    /// <summary>Where results go.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Where diagnostics go.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Whether output is a terminal (progress bars and coloured tables) or redirected (plain lines).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>The shipped tiny CLIP beside the executable.</summary>
    public static string DefaultWeights => Path.Combine(AppContext.BaseDirectory, "assets", "toyclip.safetensors");

    /// <summary>The shipped tiny vocabulary beside the executable.</summary>
    public static string DefaultVocabulary => Path.Combine(AppContext.BaseDirectory, "assets", "toyclip-vocab.txt.gz");

    /// <summary>Loads the backbone.</summary>
    public static ClipBackbone LoadBackbone(string? weights, string device, string dtype)
    {
        bool cuda = device.Equals("cuda", StringComparison.OrdinalIgnoreCase);
        if (!cuda && !device.Equals("cpu", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--device must be cpu or cuda, not '{device}'.");
        // Before any tensor: a missing runtime or CUDA becomes one line that says what to install.
        TorchRuntimeStore.Register(cuda ? "cuda" : "cpu");
        TorchRuntime.EnsureLoaded(cuda ? DeviceType.CUDA : DeviceType.CPU);
        var options = new ClipBackboneOptions
        {
            Device = device.ToLowerInvariant() switch
            {
                "cpu" => CPU,
                "cuda" => CUDA,
                _ => throw new ArgumentException($"--device must be cpu or cuda, not '{device}'."),
            },
            ComputeDType = dtype.ToLowerInvariant() switch
            {
                "fp32" or "float32" => ScalarType.Float32,
                "bf16" or "bfloat16" => ScalarType.BFloat16,
                _ => throw new ArgumentException($"--dtype must be fp32 or bf16, not '{dtype}'."),
            },
        };
        return ClipBackbone.Load(weights ?? DefaultWeights, options);
    }

    /// <summary>Loads the tokenizer with as many merges as the backbone's vocabulary has room for (as upstream slices the file).</summary>
    public static ClipTokenizer LoadTokenizer(string? vocabulary, IClipBackbone backbone) =>
        ClipTokenizer.FromBpeFile(vocabulary ?? DefaultVocabulary, backbone.Config.Text.VocabularySize - 514);
}
