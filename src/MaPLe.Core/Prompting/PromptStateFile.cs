using MaPLe.Checkpoints;
using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// Prompt files: only the learned parameters (kilobytes to a few MB, not the CLIP) as safetensors under the official
/// state-dict names, plus metadata — method, options, class names and the backbone fingerprint.
/// </summary>
public static class PromptStateFile
{
    /// <summary>Metadata key of the method identifier.</summary>
    public const string MethodKey = "maple.method";

    /// <summary>Metadata key of the options JSON.</summary>
    public const string OptionsKey = "maple.options";

    /// <summary>Metadata key of the backbone fingerprint.</summary>
    public const string BackboneKey = "maple.backbone";

    /// <summary>Metadata key of the class names (JSON array).</summary>
    public const string ClassesKey = "maple.classes";

    /// <summary>Saves the learner's parameters and metadata to <paramref name="path"/> (atomically).</summary>
    public static void Save(IPromptLearner learner, string path, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        Save(path, learner.Options, learner.StateDict(), learner.ClassNames, learner.Backbone.Fingerprint, extraMetadata);
    }

    /// <summary>
    /// Saves prompts that no learner holds (for example read from an official checkpoint) with their method and options;
    /// class names and the backbone fingerprint are recorded when given (a file without a fingerprint loads on any
    /// backbone of matching shapes). Atomic.
    /// </summary>
    public static void Save(string path, PromptMethodOptions options, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyList<string>? classNames = null, string? backboneFingerprint = null, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meta = new Dictionary<string, string>(extraMetadata ?? new Dictionary<string, string>())
        {
            [MethodKey] = options.Method,
            [OptionsKey] = PromptMethodRegistry.Serialize(options),
        };
        if (backboneFingerprint is not null) meta[BackboneKey] = backboneFingerprint;
        if (classNames is not null) meta[ClassesKey] = System.Text.Json.JsonSerializer.Serialize(classNames);
        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>What a prompt file says about itself.</summary>
    /// <param name="Method">Method identifier, or null for files without our metadata (e.g. upstream exports).</param>
    /// <param name="Options">The options, when recorded.</param>
    /// <param name="BackboneFingerprint">The backbone it was trained on, when recorded.</param>
    /// <param name="ClassNames">The class names it was saved with, when recorded.</param>
    /// <param name="Tensors">Names, dtypes and shapes.</param>
    public sealed record Description(string? Method, PromptMethodOptions? Options, string? BackboneFingerprint, IReadOnlyList<string>? ClassNames, IReadOnlyList<SafeTensorInfo> Tensors)
    {
        /// <summary>Total parameters stored.</summary>
        public long ParameterCount => Tensors.Sum(t => t.ElementCount);
    }

    /// <summary>Reads a prompt file's metadata and tensor list without loading tensors.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="PromptStateException">The recorded method, options or class names cannot be read; names the file and the key.</exception>
    public static Description Describe(string path)
    {
        using var file = SafeTensorsFile.Open(path);
        file.Metadata.TryGetValue(MethodKey, out var method);
        PromptMethodOptions? options = null;
        if (method is not null && file.Metadata.TryGetValue(OptionsKey, out var json))
        {
            try
            {
                options = PromptMethodRegistry.Deserialize(method, json);
            }
            catch (PromptStateException e)
            {
                throw new PromptStateException($"Prompt file '{path}': metadata '{OptionsKey}' cannot be used. {e.Message}");
            }
        }
        file.Metadata.TryGetValue(BackboneKey, out var fingerprint);
        IReadOnlyList<string>? classes = file.Metadata.TryGetValue(ClassesKey, out var c) ? ReadClassNames(path, c) : null;
        return new Description(method, options, fingerprint, classes, file.Tensors);
    }

    private static List<string> ReadClassNames(string path, string json)
    {
        List<string?>? names;
        try
        {
            names = System.Text.Json.JsonSerializer.Deserialize<List<string?>>(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new PromptStateException($"Prompt file '{path}': metadata '{ClassesKey}' is not a JSON array of class names ({e.Message}).");
        }
        if (names is null || names.Count == 0 || names.Any(string.IsNullOrWhiteSpace))
            throw new PromptStateException($"Prompt file '{path}': metadata '{ClassesKey}' must be a non-empty JSON array of non-empty class names.");
        return names!;
    }

    /// <summary>
    /// Loads a prompt file into <paramref name="learner"/>: checks method and backbone fingerprint when the file records
    /// them, then names and shapes.
    /// </summary>
    /// <exception cref="PromptStateException">Method, backbone or shapes do not match; the message says which.</exception>
    public static void Load(IPromptLearner learner, string path, bool requireSameBackbone = true)
    {
        using var file = SafeTensorsFile.Open(path);
        if (file.Metadata.TryGetValue(MethodKey, out var method) && !string.Equals(method, learner.Method, StringComparison.OrdinalIgnoreCase))
            throw new PromptStateException(path, $"Prompt file '{path}' holds {method} prompts but the tuner was built with {learner.Method}: build it with the same method (and options) to load them.",
                $"holds {method} prompts, not {learner.Method}", MethodKey);
        if (requireSameBackbone && file.Metadata.TryGetValue(BackboneKey, out var fp) && fp != learner.Backbone.Fingerprint)
            throw new PromptStateException(path, $"Prompt file '{path}' was trained on backbone {fp} but the tuner uses backbone {learner.Backbone.Fingerprint}: load the same CLIP weights it was trained with.",
                $"trained on backbone {fp}, not {learner.Backbone.Fingerprint}", BackboneKey);
        using var scope = NewDisposeScope();
        var state = file.ReadAll(ScalarType.Float32);
        FiniteValues.Require(path, state);
        learner.LoadStateDict(state, path);
    }
}
