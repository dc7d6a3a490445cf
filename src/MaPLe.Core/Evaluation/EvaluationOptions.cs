namespace MaPLe.Evaluation;

/// <summary>How evaluation reads labelled images.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Images per batch (upstream DATALOADER.TEST.BATCH_SIZE = 100).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Threads decoding images (null: up to 8).</summary>
    public int? DataWorkers { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">Names the invalid option.</exception>
    public EvaluationOptions Validate()
    {
        var problems = new List<string>();
        if (BatchSize < 1) problems.Add($"{nameof(BatchSize)} must be at least 1 (got {BatchSize}).");
        if (DataWorkers is < 1) problems.Add($"{nameof(DataWorkers)} must be at least 1 when set (got {DataWorkers}).");
        if (problems.Count > 0) throw new ArgumentException("Invalid EvaluationOptions: " + string.Join(" ", problems));
        return this;
    }
}

/// <summary>Reported after every evaluated batch (on the evaluation thread).</summary>
/// <param name="Batch">Batches done, 1-based.</param>
/// <param name="Batches">Batches in total.</param>
/// <param name="Samples">Samples done.</param>
/// <param name="Accuracy">Accuracy so far, percent.</param>
public sealed record EvaluationProgress(int Batch, int Batches, long Samples, double Accuracy);
