using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Training;
using Microsoft.Extensions.Configuration;
using static TorchSharp.torch;

namespace MaPLe.DependencyInjection;

/// <summary>
/// Settings of the prompt tuners an application gets from <see cref="IPromptTunerFactory"/>: the backbone, the method
/// with its options, the classes and training (configured through <c>services.AddPromptTuning(o =&gt; ...)</c> or read
/// from configuration with <see cref="Bind"/>, where the method is selected by id).
/// </summary>
public sealed class PromptTuningOptions
{
    private readonly List<string> _configurationProblems = [];

    /// <summary>The frozen CLIP's safetensors file (OpenAI or Hugging Face names). Required.</summary>
    public string? BackboneWeightsPath { get; set; }

    /// <summary>CLIP's BPE vocabulary (<c>bpe_simple_vocab_16e6.txt.gz</c>). Required.</summary>
    public string? BpeVocabularyPath { get; set; }

    /// <summary>The prompt-learning method and its options (default MaPLe, base-to-novel settings).</summary>
    public PromptMethodOptions Method { get; set; } = new MaPLeOptions();

    /// <summary>Default classes of new tuners (a tuner can also be created for other classes).</summary>
    public IList<string> ClassNames { get; set; } = new List<string>();

    /// <summary>"auto" (default: CUDA when the app ships a TorchSharp CUDA runtime and a GPU is usable, else CPU), "cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Compute dtype of the frozen CLIP: Float32 (default) or BFloat16 (prompts and optimizer stay Float32).</summary>
    public ScalarType ComputeDType { get; set; } = ScalarType.Float32;

    /// <summary>Which libtorch kernel computes float32 linear layers on the CPU (default Auto: oneDNN on non-Intel CPUs).</summary>
    public LinearKernel LinearKernel { get; set; } = LinearKernel.Auto;

    /// <summary>Seed of prompt initialisation and training (null: unseeded initialisation, training seed 1).</summary>
    public long? Seed { get; set; }

    /// <summary>Training settings; null uses the paper preset of <see cref="Method"/>.</summary>
    public TrainingOptions? Training { get; set; }

    /// <summary>Every problem with these options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(_configurationProblems);
        if (string.IsNullOrWhiteSpace(BackboneWeightsPath))
            problems.Add($"{nameof(BackboneWeightsPath)} is not set: give the CLIP safetensors file.");
        else if (!File.Exists(BackboneWeightsPath))
            problems.Add($"{nameof(BackboneWeightsPath)} '{BackboneWeightsPath}' does not exist.");
        if (string.IsNullOrWhiteSpace(BpeVocabularyPath))
            problems.Add($"{nameof(BpeVocabularyPath)} is not set: give bpe_simple_vocab_16e6.txt.gz.");
        else if (!File.Exists(BpeVocabularyPath))
            problems.Add($"{nameof(BpeVocabularyPath)} '{BpeVocabularyPath}' does not exist.");
        if (Method is null)
            problems.Add($"{nameof(Method)} is not set: e.g. new MaPLeOptions().");
        var device = Device?.Trim().ToLowerInvariant();
        if (device is null || !(device is "auto" or "cpu" or "cuda" || device.StartsWith("cuda:", StringComparison.Ordinal)))
            problems.Add($"{nameof(Device)} '{Device}' is not one of auto, cpu, cuda, cuda:N.");
        problems.AddRange(new ClipBackboneOptions { ComputeDType = ComputeDType, LinearKernel = LinearKernel }.SettingProblems()
            .Select(p => $"{p.Option}: {p.Problem}"));
        if (ClassNames is null)
            problems.Add($"{nameof(ClassNames)} must not be null (it may be empty when every tuner is created with its own classes).");
        else if (ClassNames.Count > 0)
            problems.AddRange(PromptText.ClassNameProblems(ClassNames.ToList()).Select(p => $"{nameof(ClassNames)}: {p}"));
        if (Training is not null)
        {
            try { Training.Validate(); }
            catch (ArgumentException e) { problems.Add($"{nameof(Training)}: {e.Message}"); }
        }
        return problems;
    }

    /// <summary>
    /// Reads these options from configuration, e.g. the <c>"PromptTuning"</c> section of <c>appsettings.json</c>:
    /// <c>BackboneWeightsPath</c>, <c>BpeVocabularyPath</c>, <c>Device</c>, <c>ComputeDType</c>, <c>LinearKernel</c>,
    /// <c>Seed</c>, <c>ClassNames</c>; <c>Method</c> names the method by id, alias or variant (<c>"maple"</c>,
    /// <c>"maple-shared"</c>, <c>"coop"</c>, ...), <c>MethodOptions</c> changes its options by name
    /// (<c>{ "PromptDepth": 3 }</c>) and <c>Training</c> changes the method's default preset (<c>{ "Epochs": 2 }</c>).
    /// Keys that are not given keep their values. Bad keys and values are reported by <see cref="Validate"/>, each
    /// with its configuration path.
    /// </summary>
    /// <returns>These options.</returns>
    public PromptTuningOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConfigurationBinding.Bind(this, configuration, _configurationProblems);
        return this;
    }
}
