using System.Text.Json;
using MaPLe.Checkpoints;
using MaPLe.Prompting;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// A training checkpoint: one safetensors file (written atomically: temporary file, then rename) holding the prompts under
/// their official names, the SGD momentum buffers (<c>optimizer.momentum_buffer.&lt;name&gt;</c>) and torch's CPU RNG
/// state (<c>rng.torch_cpu</c>), with the prompt-file metadata plus the trainer's position as JSON
/// (<see cref="TrainingCheckpointInfo"/>).
/// </summary>
public sealed class TrainingCheckpoint : IDisposable
{
    /// <summary>File name of the latest checkpoint inside a checkpoint folder.</summary>
    public const string FileName = "checkpoint.safetensors";

    /// <summary>File name of the final prompts written beside it when a run finishes.</summary>
    public const string PromptsFileName = "prompts.safetensors";

    /// <summary>Metadata key of the trainer JSON.</summary>
    public const string InfoKey = "maple.training";

    /// <summary>Prefix of the momentum-buffer tensors.</summary>
    public const string MomentumPrefix = "optimizer.momentum_buffer.";

    /// <summary>Name of the RNG-state tensor.</summary>
    public const string RngKey = "rng.torch_cpu";

    /// <summary>Prefix of the learner's own training state (<see cref="IPromptLearner.TrainingState"/>, e.g. PromptSRC's GPA sum).</summary>
    public const string LearnerStatePrefix = "learner_state.";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private TrainingCheckpoint(string path, TrainingCheckpointInfo info, Dictionary<string, Tensor> prompts, Dictionary<string, Tensor> momentum, Tensor? rng,
        Dictionary<string, Tensor> learnerState)
    {
        LearnerState = learnerState;
        Path = path;
        Info = info;
        Prompts = prompts;
        MomentumBuffers = momentum;
        RngState = rng;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Position and settings.</summary>
    public TrainingCheckpointInfo Info { get; }

    /// <summary>Prompt parameters under their official names.</summary>
    public IReadOnlyDictionary<string, Tensor> Prompts { get; }

    /// <summary>Momentum buffers by parameter name (absent for parameters not yet stepped).</summary>
    public IReadOnlyDictionary<string, Tensor> MomentumBuffers { get; }

    /// <summary>torch's CPU generator state, if saved.</summary>
    public Tensor? RngState { get; }

    /// <summary>The learner's own training state by its names (empty for most methods).</summary>
    public IReadOnlyDictionary<string, Tensor> LearnerState { get; }

    /// <summary>The history up to the checkpoint.</summary>
    public TrainingHistory History => new(Info.Steps, Info.EpochHistory);

    /// <summary>The checkpoint file for a path that is either the file or a folder holding <see cref="FileName"/>.</summary>
    public static string ResolvePath(string pathOrDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrDirectory);
        return Directory.Exists(pathOrDirectory) ? System.IO.Path.Combine(pathOrDirectory, FileName) : pathOrDirectory;
    }

    /// <summary>The checkpoint in <paramref name="directory"/>, or null when there is none.</summary>
    public static string? Find(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Reads a checkpoint (a file, or a folder holding <see cref="FileName"/>).</summary>
    /// <exception cref="TrainingCheckpointException">Missing, not a training checkpoint, or unreadable.</exception>
    public static TrainingCheckpoint Load(string pathOrDirectory)
    {
        var path = ResolvePath(pathOrDirectory);
        if (!File.Exists(path))
            throw new TrainingCheckpointException(path, $"No training checkpoint at '{path}': pass the {FileName} a previous run wrote (or its folder).", null);
        try
        {
            using var file = SafeTensorsFile.Open(path);
            if (!file.Metadata.TryGetValue(InfoKey, out var json))
                throw new TrainingCheckpointException(path, $"'{path}' is not a training checkpoint (no '{InfoKey}' metadata); to load prompts use PromptTuner.LoadPrompts.", InfoKey);
            var info = JsonSerializer.Deserialize<TrainingCheckpointInfo>(json, Json)
                ?? throw new TrainingCheckpointException(path, $"'{path}': the '{InfoKey}' metadata is empty.", InfoKey);
            if (info.FormatVersion != 1)
                throw new TrainingCheckpointException(path, $"'{path}' has checkpoint format {info.FormatVersion}; this library reads format 1.", InfoKey);
            var all = file.ReadAll();
            try
            {
                FiniteValues.Require(path, all);
            }
            catch
            {
                foreach (var t in all.Values) t.Dispose();
                throw;
            }
            var prompts = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var momentum = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var learnerState = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            Tensor? rng = null;
            foreach (var (name, t) in all)
            {
                if (name.StartsWith(MomentumPrefix, StringComparison.Ordinal)) momentum[name[MomentumPrefix.Length..]] = t;
                else if (name.StartsWith(LearnerStatePrefix, StringComparison.Ordinal)) learnerState[name[LearnerStatePrefix.Length..]] = t;
                else if (name == RngKey) rng = t;
                else prompts[name] = t;
            }
            return new TrainingCheckpoint(path, info, prompts, momentum, rng, learnerState);
        }
        catch (Exception e) when (e is SafeTensorsFormatException or JsonException or IOException)
        {
            throw new TrainingCheckpointException(path, $"Cannot read training checkpoint '{path}': {e.Message}", (e as MalformedFileException)?.Location, e);
        }
    }

    /// <summary>Writes a checkpoint atomically (the previous file is replaced only once the new one is complete).</summary>
    internal static void Save(string path, IPromptLearner learner, SgdOptimizer optimizer, TrainingCheckpointInfo info)
    {
        using var scope = NewDisposeScope();   // frees tensors a learner's TrainingState creates
        var tensors = new List<KeyValuePair<string, Tensor>>(learner.StateDict());
        tensors.AddRange(optimizer.MomentumBuffers().Select(kv => new KeyValuePair<string, Tensor>(MomentumPrefix + kv.Key, kv.Value)));
        tensors.AddRange(learner.TrainingState().Select(kv => new KeyValuePair<string, Tensor>(LearnerStatePrefix + kv.Key, kv.Value)));
        using var rng = TorchSharp.torch.random.get_rng_state();
        tensors.Add(new(RngKey, rng));
        var meta = new Dictionary<string, string>
        {
            [PromptStateFile.MethodKey] = learner.Method,
            [PromptStateFile.OptionsKey] = PromptMethodRegistry.Serialize(learner.Options),
            [PromptStateFile.BackboneKey] = learner.Backbone.Fingerprint,
            [PromptStateFile.ClassesKey] = JsonSerializer.Serialize(learner.ClassNames),
            [InfoKey] = JsonSerializer.Serialize(info, Json),
        };
        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>Copies the checkpoint's prompts into <paramref name="learner"/> (e.g. to evaluate a stopped run).</summary>
    /// <exception cref="TrainingCheckpointException">Another method or backbone.</exception>
    public void RestorePrompts(IPromptLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        if (!string.Equals(Info.Method, learner.Method, StringComparison.OrdinalIgnoreCase))
            throw new TrainingCheckpointException(Path, $"Checkpoint '{Path}' holds {Info.Method} prompts; the tuner uses {learner.Method}.", nameof(Info.Method));
        if (Info.BackboneFingerprint != learner.Backbone.Fingerprint)
            throw new TrainingCheckpointException(Path, $"Checkpoint '{Path}' was trained on backbone {Info.BackboneFingerprint}; the tuner uses {learner.Backbone.Fingerprint}.", nameof(Info.BackboneFingerprint));
        learner.LoadStateDict(Prompts, Path);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in Prompts.Values) t.Dispose();
        foreach (var t in MomentumBuffers.Values) t.Dispose();
        foreach (var t in LearnerState.Values) t.Dispose();
        RngState?.Dispose();
    }
}
