using System.Globalization;
using static TorchSharp.torch;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>What a Dassl optimizer state (<c>checkpoint["optimizer"]</c>) holds, read as data.</summary>
/// <param name="ParameterCount">Parameters the optimizer indexes (for whole-model registrations, frozen ones included).</param>
/// <param name="MomentumBuffers">Momentum buffers held (one per trained parameter that has stepped).</param>
/// <param name="LearningRate">The first parameter group's current learning rate.</param>
/// <param name="Momentum">Its momentum.</param>
/// <param name="WeightDecay">Its weight decay.</param>
public sealed record DasslOptimizerInfo(int ParameterCount, int MomentumBuffers, double? LearningRate, double? Momentum, double? WeightDecay);

/// <summary>What a Dassl checkpoint file holds, read without running any of it.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Format">Zip or legacy <c>torch.save</c>.</param>
/// <param name="TopLevelKeys">The checkpoint dict's keys (<c>state_dict</c>, <c>epoch</c>, <c>optimizer</c>, ...).</param>
/// <param name="Epoch">The saved epoch (Dassl stores the 1-based count of finished epochs), when present.</param>
/// <param name="StateDict">Every tensor of <c>state_dict</c> with its stored dtype and shape, in file order.</param>
/// <param name="Optimizer">The optimizer state summary, when the file has one.</param>
/// <param name="SchedulerLastEpoch">The scheduler's epoch counter (its successor's after warm-up), when present.</param>
public sealed record DasslCheckpointInfo(
    string FilePath, PyTorchFileFormat Format, IReadOnlyList<string> TopLevelKeys, int? Epoch,
    IReadOnlyList<PyTorchTensorInfo> StateDict, DasslOptimizerInfo? Optimizer, int? SchedulerLastEpoch);

/// <summary>
/// Reads the checkpoints Dassl's <c>save_checkpoint</c> writes (<c>model.pth.tar-N</c>, <c>model-best.pth.tar</c>):
/// <c>{"state_dict", "epoch", "optimizer", "scheduler", "val_result"}</c>. Optimizer and scheduler objects are read as
/// inert data and only summarised; they are never a reason to refuse the weights.
/// </summary>
public static class DasslCheckpoint
{
    /// <summary>Describes the checkpoint without reading tensor data.</summary>
    /// <exception cref="PyTorchFormatException">Malformed, refused, or not a checkpoint dict with a <c>state_dict</c>.</exception>
    public static DasslCheckpointInfo Describe(string path)
    {
        using var archive = TorchArchive.Open(path);
        return Describe(archive, Root(archive));
    }

    /// <summary>
    /// Describes the file when it is a training checkpoint (a dict with a <c>state_dict</c>); null when it is a readable
    /// PyTorch file of another kind (CLIP weights, a TorchScript model).
    /// </summary>
    /// <exception cref="PyTorchFormatException">Malformed or refused.</exception>
    public static DasslCheckpointInfo? TryDescribe(string path)
    {
        using var archive = TorchArchive.Open(path);
        return IsCheckpoint(archive.Root) ? Describe(archive, (PickleDict)archive.Root!) : null;
    }

    private static DasslCheckpointInfo Describe(TorchArchive archive, PickleDict root)
    {
        string path = archive.Path;
        var tensors = StateDictEntries(archive, root);
        return new DasslCheckpointInfo(
            path, archive.Format,
            root.Items.Select(kv => kv.Key as string ?? "?").ToList(),
            Int(root.Get("epoch")),
            tensors.Select(t => new PyTorchTensorInfo(t.Name, t.Tensor.Storage.DType, t.Tensor.Shape)).ToList(),
            Optimizer(root.Get("optimizer")),
            SchedulerEpoch(root.Get("scheduler")));
    }

    /// <summary>
    /// Reads the named <c>state_dict</c> tensors (all when <paramref name="names"/> is null) in their stored dtypes.
    /// </summary>
    /// <exception cref="PyTorchFormatException">Malformed, refused, or a named key is missing.</exception>
    public static Dictionary<string, Tensor> ReadStateDict(string path, IEnumerable<string>? names = null)
    {
        using var archive = TorchArchive.Open(path);
        var tensors = StateDictEntries(archive, Root(archive));
        if (names is not null)
        {
            var byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var wanted = names.ToList();
            var missing = wanted.FirstOrDefault(n => !byName.ContainsKey(n));
            if (missing is not null)
                throw new PyTorchFormatException(path, $"its state_dict has no key '{missing}'.");
            tensors = wanted.Select(n => byName[n]).ToList();
        }
        return PyTorchFile.Materialize(archive, tensors);
    }

    private static bool IsCheckpoint(object? root) => root is PickleDict d && d.Get("state_dict") is PickleDict;

    private static PickleDict Root(TorchArchive archive) =>
        IsCheckpoint(archive.Root)
            ? (PickleDict)archive.Root!
            : throw new PyTorchFormatException(archive.Path,
                "it is not a training checkpoint: expected a dict with a 'state_dict' entry (as Dassl's save_checkpoint writes); " +
                "for CLIP weights use it as a backbone instead.");

    private static List<(string Name, TorchTensor Tensor)> StateDictEntries(TorchArchive archive, PickleDict root)
    {
        var result = new List<(string, TorchTensor)>();
        foreach (var (key, value) in ((PickleDict)root.Get("state_dict")!).Items)
        {
            if (key is not string name || value is not TorchTensor t)
                throw new PyTorchFormatException(archive.Path, $"its state_dict holds a non-tensor entry ({TorchGlobals.Describe(key)} → {TorchGlobals.Describe(value)}).");
            result.Add((name, t));
        }
        return result;
    }

    private static DasslOptimizerInfo? Optimizer(object? value)
    {
        if (value is not PickleDict opt) return null;
        var groups = opt.Get("param_groups") as List<object?> ?? [];
        int parameters = groups.OfType<PickleDict>().Sum(g => (g.Get("params") as List<object?>)?.Count ?? 0);
        int buffers = (opt.Get("state") as PickleDict)?.Items.Count(kv => kv.Value is PickleDict s && s.Get("momentum_buffer") is TorchTensor) ?? 0;
        var first = groups.OfType<PickleDict>().FirstOrDefault();
        return new DasslOptimizerInfo(parameters, buffers, Number(first?.Get("lr")), Number(first?.Get("momentum")), Number(first?.Get("weight_decay")));
    }

    private static int? SchedulerEpoch(object? value)
    {
        if (value is not PickleDict s) return null;
        // After warm-up, Dassl's ConstantWarmupScheduler hands counting to its successor (pickled whole as an object).
        if (s.Get("successor") is PickleObject { State: PickleDict successor } && successor.Get("last_epoch") is long inner)
            return Int(inner);
        return Int(s.Get("last_epoch"));
    }

    private static int? Int(object? v) => v is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    private static double? Number(object? v) => v switch
    {
        double d => d,
        long l => l,
        _ => null,
    };

    /// <summary>The summary as one line (for logs and <c>maple info</c>).</summary>
    public static string Summary(DasslOptimizerInfo o) => string.Create(CultureInfo.InvariantCulture,
        $"{o.ParameterCount} parameters indexed, {o.MomentumBuffers} momentum buffers, lr {o.LearningRate:G6}, momentum {o.Momentum}, weight decay {o.WeightDecay}");
}
