namespace MaPLe.Training;

/// <summary>
/// Training stopped because a loss or gradient was NaN or infinite. The prompts and optimizer state were rolled back to
/// the last state whose loss was finite, and no checkpoint was written past it.
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonFiniteLossException(int epoch, int step, long globalStep, string quantity, double value, double learningRate)
        : base($"Training diverged at epoch {epoch}, step {step} (global step {globalStep}): the {quantity} is {value} at learning rate {learningRate:G4}. " +
               "The prompts were restored to the last state with a finite loss. Lower the learning rate, check the inputs for NaN/Inf, " +
               "or train in float32 instead of bfloat16.")
    {
        Epoch = epoch;
        Step = step;
        GlobalStep = globalStep;
        Quantity = quantity;
        Value = value;
        LearningRate = learningRate;
    }

    /// <summary>Epoch, 1-based.</summary>
    public int Epoch { get; }

    /// <summary>Step within the epoch, 1-based.</summary>
    public int Step { get; }

    /// <summary>Step in the run, 1-based.</summary>
    public long GlobalStep { get; }

    /// <summary>What was not finite ("loss" or "gradient of &lt;parameter&gt;").</summary>
    public string Quantity { get; }

    /// <summary>The offending value (for gradients: NaN or ±Inf, one of the entries).</summary>
    public double Value { get; }

    /// <summary>The learning rate of the failing step.</summary>
    public double LearningRate { get; }
}
