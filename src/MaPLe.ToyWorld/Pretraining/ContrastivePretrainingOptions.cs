namespace MaPLe.Pretraining;

/// <summary>Hyper-parameters of contrastive (CLIP-style, symmetric InfoNCE) pretraining.</summary>
public sealed record ContrastivePretrainingOptions
{
    /// <summary>Optimizer steps.</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>Image–caption pairs per step (the contrastive negatives come from the same batch).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Peak AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 5e-4;

    /// <summary>AdamW decoupled weight decay (applied to matrices only, not to norms, biases or embeddings).</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Linear warm-up steps before the cosine decay.</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>Gradient-norm clip (0 = none).</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Validates the values.</summary>
    public ContrastivePretrainingOptions Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "At least one step.");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Contrastive learning needs at least 2 pairs per batch.");
        if (LearningRate <= 0) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be positive.");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Must be non-negative.");
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "Must be non-negative.");
        return this;
    }

    /// <summary>Learning rate at a step: linear warm-up, then cosine to zero.</summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        double t = (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps);
        return LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, t)));
    }
}
