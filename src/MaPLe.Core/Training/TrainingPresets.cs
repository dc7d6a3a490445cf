namespace MaPLe.Training;

/// <summary>
/// The paper configs (reference §3.1, upstream yaml files): SGD momentum 0.9, weight decay 5e-4, one constant warm-up
/// epoch at 1e-5, cosine per epoch. Adjust with <c>with</c>: <c>TrainingPresets.CoOp with { Epochs = 50 }</c>.
/// </summary>
public static class TrainingPresets
{
    /// <summary>MaPLe base-to-novel (<c>vit_b16_c2_ep5_batch4_2ctx</c>): batch 4, lr 0.0035, 5 epochs.</summary>
    public static TrainingOptions MaPLeBaseToNovel { get; } = new() { BatchSize = 4, LearningRate = 0.0035, Epochs = 5 };

    /// <summary>MaPLe cross-dataset and domain generalization (<c>…_cross_datasets</c>): batch 4, lr 0.0026, 2 epochs.</summary>
    public static TrainingOptions MaPLeCrossDataset { get; } = new() { BatchSize = 4, LearningRate = 0.0026, Epochs = 2 };

    /// <summary>Independent V-L prompting (IVLP 2+2 ctx): batch 4, lr 0.0035, 5 epochs.</summary>
    public static TrainingOptions IndependentVL { get; } = new() { BatchSize = 4, LearningRate = 0.0035, Epochs = 5 };

    /// <summary>Deep language prompting (4 ctx, depth 12): batch 4, lr 0.0025, 5 epochs.</summary>
    public static TrainingOptions DeepLanguage { get; } = new() { BatchSize = 4, LearningRate = 0.0025, Epochs = 5 };

    /// <summary>Deep vision prompting (VPT, 8 ctx, depth 12): batch 4, lr 0.0025, 5 epochs.</summary>
    public static TrainingOptions DeepVision { get; } = new() { BatchSize = 4, LearningRate = 0.0025, Epochs = 5 };

    /// <summary>CoOp (<c>vit_b16</c>): batch 32, lr 0.002, 200 epochs.</summary>
    public static TrainingOptions CoOp { get; } = new() { BatchSize = 32, LearningRate = 0.002, Epochs = 200 };

    /// <summary>CoOp (<c>vit_b16_ep100</c>): batch 32, lr 0.002, 100 epochs.</summary>
    public static TrainingOptions CoOpEp100 { get; } = CoOp with { Epochs = 100 };

    /// <summary>CoOp (<c>vit_b16_ep50</c>): batch 32, lr 0.002, 50 epochs.</summary>
    public static TrainingOptions CoOpEp50 { get; } = CoOp with { Epochs = 50 };

    /// <summary>CoCoOp (<c>vit_b16_c4_ep10_batch1_ctxv1</c>): batch 1, lr 0.002, 10 epochs.</summary>
    public static TrainingOptions CoCoOp { get; } = new() { BatchSize = 1, LearningRate = 0.002, Epochs = 10 };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (TrainingOptions? Preset, string DisplayName)> Defaults =
        new(StringComparer.OrdinalIgnoreCase);

    // Filled by MaPLe.Tuning.PromptMethods.Register from each method's descriptor (null: the method does not train).
    internal static void SetDefault(string methodName, TrainingOptions? preset, string displayName) => Defaults[methodName] = (preset, displayName);

    /// <summary>
    /// The default preset of a method, by id, alias or variant name (<c>maple</c> → <see cref="MaPLeBaseToNovel"/>,
    /// <c>coop</c> → <see cref="CoOp"/>, ...): the first preset its descriptor declares.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown method, or one that does not train (zero-shot).</exception>
    public static TrainingOptions ForMethod(string method)
    {
        if (method is null || !Defaults.TryGetValue(method.Trim(), out var entry))
            throw new ArgumentException($"No training preset for method '{method}'. Known: {string.Join(", ", Defaults.Where(d => d.Value.Preset is not null).Select(d => d.Key).Order(StringComparer.Ordinal))}.", nameof(method));
        return entry.Preset ?? throw new ArgumentException($"{entry.DisplayName} has nothing to train.", nameof(method));
    }
}
