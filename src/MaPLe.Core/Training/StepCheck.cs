using MaPLe.Prompting;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// What the trainer needs to know after a backward pass — the loss, the batch's correct count, whether every gradient
/// is finite, the loss components — read in one device-to-host copy, so a step costs one host sync however many
/// parameters the method has.
/// </summary>
internal readonly record struct StepCheck(double Loss, long Correct, bool GradientsFinite, IReadOnlyDictionary<string, double> Components)
{
    public static StepCheck Read(TrainingLoss loss, Tensor labels, IReadOnlyList<Tensor> gradients)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var device = loss.Total.device;
        Tensor Scalar(Tensor t) => t.detach().to(ScalarType.Float64).to(device).reshape(1);
        var parts = new List<Tensor>
        {
            Scalar(loss.Total),
            loss.Logits is { } logits ? Scalar(logits.detach().argmax(1).eq(labels).sum()) : zeros(1, ScalarType.Float64, device),
            gradients.Count == 0 ? ones(1, ScalarType.Float64, device)
                : Scalar(stack(gradients.Select(g => g.isfinite().all().to(device)).ToArray()).all()),
        };
        var names = loss.Components.Keys.ToList();
        parts.AddRange(names.Select(n => Scalar(loss.Components[n])));
        var values = cat(parts.ToArray()).cpu().data<double>().ToArray();
        var components = new Dictionary<string, double>(names.Count, StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
            components[names[i]] = values[3 + i];
        return new StepCheck(values[0], (long)values[1], values[2] != 0, components);
    }

    /// <summary>
    /// The first parameter whose gradient holds NaN/Inf, and one such value (only called once a step failed: it syncs per
    /// parameter to name the culprit).
    /// </summary>
    public static (string Name, double Value) FirstNonFiniteGradient(IEnumerable<(string Name, Tensor Gradient)> gradients)
    {
        foreach (var (name, grad) in gradients)
        {
            using var scope = NewDisposeScope();
            var finite = grad.isfinite();
            if (!finite.all().item<bool>())
                return (name, grad.masked_select(finite.logical_not())[0].to(ScalarType.Float64).item<double>());
        }
        return ("(none)", double.NaN);
    }
}
