namespace MaPLe.Evaluation;

/// <summary>Base-to-novel generalization of one trained tuner on one dataset (reference §3.6).</summary>
/// <param name="Base">Evaluation on the base classes (the ones trained on).</param>
/// <param name="Novel">Evaluation on the novel classes (unseen in training).</param>
public sealed record Base2NovelResult(EvaluationReport Base, EvaluationReport Novel)
{
    /// <summary>Base accuracy B, percent.</summary>
    public double BaseAccuracy => Base.Accuracy;

    /// <summary>Novel accuracy N, percent.</summary>
    public double NovelAccuracy => Novel.Accuracy;

    /// <summary>Harmonic mean <c>2BN / (B + N)</c>.</summary>
    public double HarmonicMean => Metrics.HarmonicMean(BaseAccuracy, NovelAccuracy);
}

/// <summary>Small metric formulas shared by the protocols.</summary>
public static class Metrics
{
    /// <summary>
    /// The papers' harmonic mean of base and novel accuracy, <c>2·B·N / (B + N)</c> (0 when both are 0). The papers take
    /// it over seed- and dataset-averaged accuracies, not as an average of per-run HMs.
    /// </summary>
    public static double HarmonicMean(double baseAccuracy, double novelAccuracy)
    {
        if (baseAccuracy < 0 || novelAccuracy < 0)
            throw new ArgumentOutOfRangeException(baseAccuracy < 0 ? nameof(baseAccuracy) : nameof(novelAccuracy), "Accuracies must be ≥ 0.");
        double sum = baseAccuracy + novelAccuracy;
        return sum == 0 ? 0 : 2 * baseAccuracy * novelAccuracy / sum;
    }
}
