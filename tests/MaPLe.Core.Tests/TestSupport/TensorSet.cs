using static TorchSharp.torch;

namespace MaPLe.Tests.TestSupport;

/// <summary>Named tensors read from a fixture file, disposed together.</summary>
public sealed class TensorSet(Dictionary<string, Tensor> tensors) : IDisposable
{
    /// <summary>The tensors by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => tensors;

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    public Tensor this[string name] => tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"No tensor '{name}' (has: {string.Join(", ", tensors.Keys)}).");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in tensors.Values) t.Dispose();
    }
}
