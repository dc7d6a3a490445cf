using static TorchSharp.torch;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>
/// The fixed allow-list of pickle globals: the torch functions that rebuild tensors, the typed storage classes and the
/// plain containers are given data-only meanings here; optimizer, scheduler and TorchScript module classes become inert
/// <see cref="PickleObject"/> records. Nothing a file names is ever imported or called; any other global is refused.
/// </summary>
internal static class TorchGlobals
{
    private static readonly Dictionary<string, (ScalarType Type, int Size)> Storages = new(StringComparer.Ordinal)
    {
        ["HalfStorage"] = (ScalarType.Float16, 2),
        ["BFloat16Storage"] = (ScalarType.BFloat16, 2),
        ["FloatStorage"] = (ScalarType.Float32, 4),
        ["DoubleStorage"] = (ScalarType.Float64, 8),
        ["LongStorage"] = (ScalarType.Int64, 8),
        ["IntStorage"] = (ScalarType.Int32, 4),
        ["ShortStorage"] = (ScalarType.Int16, 2),
        ["CharStorage"] = (ScalarType.Int8, 1),
        ["ByteStorage"] = (ScalarType.Byte, 1),
        ["BoolStorage"] = (ScalarType.Bool, 1),
    };

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict", "collections.defaultdict", "builtins.dict", "__builtin__.dict",
        "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
    };

    // Classes whose instances only carry state (optimizers, schedulers, TorchScript module trees): kept as inert records.
    private static readonly string[] InertPrefixes = ["torch.optim.", "__torch__.", "dassl.optim."];

    /// <summary>Checks a GLOBAL against the allow-list; refuses (naming it) anything else.</summary>
    public static PickleGlobal Resolve(string path, string module, string name)
    {
        var g = new PickleGlobal(module, name);
        string full = g.FullName;
        if (Functions.Contains(full) || IsInert(full) || (module == "torch" && Storages.ContainsKey(name)))
            return g;
        throw new PyTorchFormatException(path,
            $"the pickle names the global '{full}', which a weights file never needs; refusing it (only torch's tensor-rebuild functions, " +
            "typed storages, plain containers and optimizer/scheduler/TorchScript classes as inert data are allowed). The file may be " +
            "malicious; do not open it with torch.load either.");
    }

    /// <summary>Element type and size of a storage class, or null when the global is not one.</summary>
    public static (ScalarType Type, int Size)? StorageType(object? cls) =>
        cls is PickleGlobal { Module: "torch" } g && Storages.TryGetValue(g.Name, out var t) ? t : null;

    /// <summary>The storage class torch pickles for a dtype (<c>HalfStorage</c>, <c>FloatStorage</c>, ...).</summary>
    public static string StorageName(string path, ScalarType type) =>
        Storages.FirstOrDefault(kv => kv.Value.Type == type).Key
        ?? throw new ArgumentException($"Tensors of type {type} cannot be written to '{path}' as a torch checkpoint.", nameof(type));

    private static bool IsInert(string full) => InertPrefixes.Any(p => full.StartsWith(p, StringComparison.Ordinal));

    /// <summary>What REDUCE (call) or NEWOBJ of an allowed global yields: data only.</summary>
    public static object Apply(string path, object? callable, object?[] args)
    {
        if (callable is not PickleGlobal g)
            throw new PyTorchFormatException(path, $"the pickle calls a {Describe(callable)}, not an allowed global.");
        string full = g.FullName;
        switch (full)
        {
            case "collections.OrderedDict" or "builtins.dict" or "__builtin__.dict" or "collections.defaultdict":
                var dict = new PickleDict();
                if (full != "collections.defaultdict" && args.Length > 0 && args[0] is PickleDict src)
                    foreach (var kv in src.Items) dict.Set(kv.Key, kv.Value);
                return dict;
            case "torch._utils._rebuild_tensor_v2":
                return RebuildTensor(path, args);
            case "torch._utils._rebuild_parameter" or "torch._utils._rebuild_parameter_with_state":
                if (args.Length < 1 || args[0] is not TorchTensor data)
                    throw new PyTorchFormatException(path, $"{full} expects a tensor as its first argument.");
                return data with { IsParameter = true };
        }
        if (IsInert(full))
            return new PickleObject(full, new PickleTuple(args));
        throw new PyTorchFormatException(path, $"the pickle calls '{full}', which is not callable here (a storage class or container factory used as a function).");
    }

    private static TorchTensor RebuildTensor(string path, object?[] args)
    {
        if (args.Length < 4 || args[0] is not TorchStorage storage || args[1] is not long offset
            || args[2] is not PickleTuple size || args[3] is not PickleTuple stride)
            throw new PyTorchFormatException(path, "_rebuild_tensor_v2 needs (storage, offset, size tuple, stride tuple, ...).");
        var shape = Longs(path, size, "size");
        var strides = Longs(path, stride, "stride");
        if (shape.Length != strides.Length)
            throw new PyTorchFormatException(path, $"a tensor has {shape.Length} sizes but {strides.Length} strides.");
        TensorBounds.Check(path, storage, offset, shape, strides);
        return new TorchTensor(storage, offset, shape, strides, false);
    }

    private static long[] Longs(string path, PickleTuple t, string what)
    {
        if (t.Items.Length > 64)
            throw new PyTorchFormatException(path, $"a tensor {what} has {t.Items.Length} dimensions (more than 64).");
        var result = new long[t.Items.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = t.Items[i] is long v ? v : throw new PyTorchFormatException(path, $"a tensor {what} holds a non-integer.");
        return result;
    }

    /// <summary>A short, non-recursive description of a pickle value for error messages.</summary>
    public static string Describe(object? v) => v switch
    {
        null => "None",
        PickleGlobal g => $"global '{g.FullName}'",
        PickleObject o => $"'{o.ClassName}' object",
        _ => v.GetType().Name,
    };
}

/// <summary>Checks a strided view against its storage with checked arithmetic, before anything is allocated.</summary>
internal static class TensorBounds
{
    // Stride-0 broadcast views could otherwise make a few stored bytes expand into an arbitrarily large tensor.
    private const long BroadcastAllowance = 1 << 16;

    public static void Check(string path, TorchStorage storage, long offset, long[] shape, long[] stride)
    {
        try
        {
            if (offset < 0)
                throw new PyTorchFormatException(path, $"a tensor over storage '{storage.Key}' has a negative offset {offset}.");
            long numel = 1, extent = 0;
            for (int i = 0; i < shape.Length; i++)
            {
                if (shape[i] < 0 || stride[i] < 0)
                    throw new PyTorchFormatException(path, $"a tensor over storage '{storage.Key}' has a negative size or stride ([{string.Join(", ", shape)}], [{string.Join(", ", stride)}]).");
                numel = checked(numel * shape[i]);
                if (shape[i] > 0) extent = checked(extent + checked((shape[i] - 1) * stride[i]));
            }
            if (numel == 0) return;
            if (checked(offset + extent) >= storage.ElementCount)
                throw new PyTorchFormatException(path,
                    $"a tensor [{string.Join(", ", shape)}] at offset {offset} with strides [{string.Join(", ", stride)}] reaches element {offset + extent} of storage '{storage.Key}', which holds {storage.ElementCount}: the file is corrupt.");
            if (numel > Math.Max(storage.ElementCount, BroadcastAllowance))
                throw new PyTorchFormatException(path, $"a tensor of {numel} elements over storage '{storage.Key}' of {storage.ElementCount} elements (a broadcast view larger than its data) is refused.");
        }
        catch (OverflowException)
        {
            throw new PyTorchFormatException(path, $"a tensor over storage '{storage.Key}' declares sizes/strides whose extent overflows 64 bits: the file is corrupt.");
        }
    }
}
