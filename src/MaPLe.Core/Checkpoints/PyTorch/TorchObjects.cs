namespace MaPLe.Checkpoints.PyTorch;

/// <summary>
/// Finds the named tensors in an unpickled object: a state dict (dict/OrderedDict of tensors), a TorchScript module tree
/// (attribute dicts of inert module records, names joined with dots) or a checkpoint dict holding one under
/// <c>state_dict</c> / <c>model</c>. Walks with an explicit stack and a visited set, so deep or cyclic graphs are safe.
/// </summary>
internal static class TorchObjects
{
    private static readonly string[] StateDictKeys = ["state_dict", "model", "model_state_dict"];

    public static List<(string Name, TorchTensor Tensor)> NamedTensors(string path, object? root)
    {
        if (root is PickleDict d)
        {
            foreach (var key in StateDictKeys)
                if (d.Get(key) is PickleDict inner && Tensors(inner).Any())
                    return Tensors(inner).ToList();
            var direct = Tensors(d).ToList();
            if (direct.Count > 0) return direct;
        }
        if (root is PickleObject module && module.ClassName.StartsWith("__torch__.", StringComparison.Ordinal))
            return ModuleTree(module);
        throw new PyTorchFormatException(path,
            $"it holds a {TorchGlobals.Describe(root)} without named tensors; expected a state dict (torch.save(model.state_dict())), a TorchScript model, or a checkpoint with a 'state_dict' entry.");
    }

    private static IEnumerable<(string, TorchTensor)> Tensors(PickleDict d) =>
        d.Items.Where(kv => kv.Key is string && kv.Value is TorchTensor).Select(kv => ((string)kv.Key, (TorchTensor)kv.Value!));

    private static List<(string, TorchTensor)> ModuleTree(PickleObject root)
    {
        var result = new List<(string, TorchTensor)>();
        var visited = new HashSet<PickleObject>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(string Prefix, PickleObject Module)>();
        pending.Push(("", root));
        while (pending.Count > 0)
        {
            var (prefix, module) = pending.Pop();
            if (!visited.Add(module) || module.State is not PickleDict attrs) continue;
            var children = new List<(string, PickleObject)>();
            foreach (var (key, value) in attrs.Items)
            {
                if (key is not string name) continue;
                if (value is TorchTensor t) result.Add((prefix + name, t));
                else if (value is PickleObject child && child.ClassName.StartsWith("__torch__.", StringComparison.Ordinal))
                    children.Add((prefix + name + ".", child));
            }
            // Reverse so that children are visited in attribute order (state_dict order).
            for (int i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
        }
        return result;
    }
}
