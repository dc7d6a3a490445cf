using static TorchSharp.torch;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>A pickled dict (plain, OrderedDict or defaultdict), keys in insertion order.</summary>
internal sealed class PickleDict
{
    private readonly Dictionary<object, int> _index = new();

    public List<KeyValuePair<object, object?>> Items { get; } = [];

    public void Set(object key, object? value)
    {
        if (_index.TryGetValue(key, out int i)) Items[i] = new(key, value);
        else
        {
            _index[key] = Items.Count;
            Items.Add(new(key, value));
        }
    }

    public object? Get(string key) => _index.TryGetValue(key, out int i) ? Items[i].Value : null;

    public bool Contains(string key) => _index.ContainsKey(key);
}

/// <summary>A pickled tuple (immutable list).</summary>
internal sealed record PickleTuple(object?[] Items);

/// <summary>A reference to a module-level name (GLOBAL opcode), never resolved to anything callable.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";
}

/// <summary>
/// An instance of a class the reader does not run (optimizers, schedulers, TorchScript modules): the class name, the
/// constructor arguments and the state BUILD gave it, kept as inert data.
/// </summary>
internal sealed class PickleObject(string className, object? args)
{
    public string ClassName { get; } = className;
    public object? Args { get; } = args;
    public object? State { get; set; }
}

/// <summary>A tensor storage named by a persistent id: element type, key of its bytes, element count.</summary>
internal sealed record TorchStorage(string Key, ScalarType DType, int ElementSize, long ElementCount);

/// <summary>A tensor rebuilt from a storage: a strided view (offset, sizes, strides in elements), not yet read.</summary>
internal sealed record TorchTensor(TorchStorage Storage, long Offset, long[] Shape, long[] Stride, bool IsParameter)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => checked(a * b));
}
