using MaPLe.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// Labels must index the class list. Checked before the first step — over every label when the source knows them up
/// front (items, tensors, in-memory batches), else per batch before it is used — so a wrong label is reported by item,
/// not by libtorch's "Target 5 is out of bounds" from inside the loss.
/// </summary>
internal static class LabelCheck
{
    /// <summary>Checks every label a built-in source knows without reading images.</summary>
    /// <exception cref="ArgumentException">The first label outside the classes, naming its item.</exception>
    public static void RequireKnown(IBatchSource source, IReadOnlyList<string> classNames, string paramName)
    {
        switch (source)
        {
            case LoaderBatchSource loader:
                RequireItems(loader.Loader.Items, classNames, paramName);
                break;
            case TensorBatchSource tensors:
                if (FirstOutside(tensors.Labels, classNames.Count) is { } t)
                    throw Outside($"Image {t.Index}", t.Label, classNames, paramName);
                break;
            case InMemoryBatchSource batches:
                for (int b = 0; b < batches.Batches.Count; b++)
                    if (FirstOutside(batches.Batches[b].Labels, classNames.Count) is { } m)
                        throw Outside($"Batch {b + 1}, image {m.Index}", m.Label, classNames, paramName);
                break;
        }
    }

    /// <summary>Checks the labels of image items.</summary>
    /// <exception cref="ArgumentException">The first item whose label is outside the classes.</exception>
    public static void RequireItems(IReadOnlyList<ImageItem> items, IReadOnlyList<string> classNames, string paramName)
    {
        for (int i = 0; i < items.Count; i++)
            if (items[i].Label < 0 || items[i].Label >= classNames.Count)
                throw Outside($"Item {i} ('{items[i].Path}')", items[i].Label, classNames, paramName);
    }

    /// <summary>Checks one batch before it is used (CPU labels only: reading device labels would cost a host sync).</summary>
    /// <exception cref="ArgumentException">The first image of the batch whose label is outside the classes.</exception>
    public static void RequireBatch(LabeledBatch batch, int epoch, int batchNumber, IReadOnlyList<string> classNames)
    {
        if (batch.Labels.device_type != DeviceType.CPU)
            return;
        if (FirstOutside(batch.Labels, classNames.Count) is { } bad)
            throw Outside($"Epoch {epoch + 1}, batch {batchNumber}, image {bad.Index}", bad.Label, classNames, nameof(batch));
    }

    private static (int Index, long Label)? FirstOutside(Tensor labels, int classCount)
    {
        using var scope = NewDisposeScope();
        var values = labels.to(ScalarType.Int64).cpu().data<long>().ToArray();
        for (int i = 0; i < values.Length; i++)
            if (values[i] < 0 || values[i] >= classCount)
                return (i, values[i]);
        return null;
    }

    private static ArgumentException Outside(string where, long label, IReadOnlyList<string> classNames, string paramName)
    {
        var shown = string.Join(", ", classNames.Take(5).Select((c, i) => $"{i} = {c}")) + (classNames.Count > 5 ? ", ..." : "");
        return new ArgumentException(
            $"{where} has label {label}, outside the {classNames.Count} classes (labels index the class list, 0..{classNames.Count - 1}: {shown}). " +
            "Fix the label, or give the classes the labels refer to (UseClassNames, SetClassNames or the dataset's ClassNames).", paramName);
    }
}
