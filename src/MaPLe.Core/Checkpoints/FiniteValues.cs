using static TorchSharp.torch;

namespace MaPLe.Checkpoints;

/// <summary>Refuses tensors holding NaN or ±Inf at load time, so a corrupt or diverged file never yields NaN scores.</summary>
internal static class FiniteValues
{
    /// <summary>Throws when a floating-point tensor of <paramref name="tensors"/> holds a non-finite value.</summary>
    /// <param name="path">The file the tensors came from.</param>
    /// <param name="tensors">The tensors, by key.</param>
    /// <param name="refuse">Builds the file format's own exception from the problem (default: <see cref="SafeTensorsFormatException"/>).</param>
    /// <exception cref="MalformedFileException">Names the file, the key, how many values and the first one.</exception>
    internal static void Require(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, Func<string, MalformedFileException>? refuse = null)
    {
        refuse ??= problem => new SafeTensorsFormatException(path, problem);
        foreach (var (name, tensor) in tensors)
        {
            if (!tensor.is_floating_point() || tensor.NumberOfElements == 0)
                continue;
            using var scope = NewDisposeScope();
            var finite = tensor.isfinite();
            if (finite.all().item<bool>())
                continue;
            var bad = tensor.masked_select(finite.logical_not());
            long count = bad.NumberOfElements;
            double first = bad[0].to(ScalarType.Float64).item<double>();
            throw refuse($"tensor '{name}' holds {count} non-finite value(s) (first: {first}); the file is corrupt or was saved from a diverged run.");
        }
    }
}
