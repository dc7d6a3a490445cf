using static TorchSharp.torch;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>A tensor as a PyTorch file stores it: name, element type, shape.</summary>
/// <param name="Name">The state-dict key.</param>
/// <param name="DType">The stored element type (read from its storage class).</param>
/// <param name="Shape">The shape (empty for a scalar).</param>
public sealed record PyTorchTensorInfo(string Name, ScalarType DType, long[] Shape)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Shape as text, e.g. <c>[77, 512]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>
/// Reads PyTorch files without Python and without running them: <c>torch.save</c> archives (zip and legacy), TorchScript
/// archives such as OpenAI's CLIP <c>.pt</c>, and checkpoints holding a <c>state_dict</c>. The unpickler resolves only an
/// allow-list of torch rebuild functions, storage types and containers; every size is checked before allocation.
/// </summary>
public static class PyTorchFile
{
    /// <summary>Whether <paramref name="path"/> starts like a PyTorch file (zip or legacy pickle stream); false for safetensors.</summary>
    public static bool IsPyTorchFile(string path) => IO.InputFiles.IsReadable(path) && TorchArchive.Sniff(path);   // never opens a FIFO

    /// <summary>The container format of a PyTorch file.</summary>
    /// <exception cref="PyTorchFormatException">The file is malformed or refused.</exception>
    public static PyTorchFileFormat FormatOf(string path)
    {
        using var archive = TorchArchive.Open(path);
        return archive.Format;
    }

    /// <summary>Names, dtypes and shapes of the file's tensors (state dict order), without reading tensor data.</summary>
    /// <exception cref="PyTorchFormatException">The file is malformed, refused, or holds no named tensors.</exception>
    public static IReadOnlyList<PyTorchTensorInfo> Describe(string path)
    {
        using var archive = TorchArchive.Open(path);
        return TorchObjects.NamedTensors(path, archive.Root)
            .Select(t => new PyTorchTensorInfo(t.Name, t.Tensor.Storage.DType, t.Tensor.Shape)).ToList();
    }

    /// <summary>
    /// Every named tensor of a state dict, TorchScript model or checkpoint's <c>state_dict</c>, in its stored dtype,
    /// on the CPU. Tensors that share a storage come back as independent copies. The caller owns (disposes) them.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="PyTorchFormatException">The file is malformed, refused, or holds no named tensors.</exception>
    public static Dictionary<string, Tensor> LoadStateDict(string path)
    {
        using var archive = TorchArchive.Open(path);
        return Materialize(archive, TorchObjects.NamedTensors(path, archive.Root));
    }

    internal static Dictionary<string, Tensor> Materialize(TorchArchive archive, IEnumerable<(string Name, TorchTensor Tensor)> tensors)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, t) in tensors)
            {
                if (result.ContainsKey(name))
                    throw new PyTorchFormatException(archive.Path, $"tensor '{name}' appears twice.");
                result[name] = archive.Materialize(t);
            }
            return result;
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
    }
}
