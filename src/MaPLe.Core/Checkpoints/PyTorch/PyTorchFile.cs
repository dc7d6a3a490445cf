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

    /// <summary>
    /// Writes <c>{"state_dict": OrderedDict(name → tensor), "epoch": epoch}</c> as <c>torch.save</c> does (zip archive,
    /// folder named after the file, stored entries at 64-byte-aligned offsets, a <c>version</c> entry), atomically.
    /// Every global it names is one <c>torch.load(weights_only=True)</c> accepts.
    /// </summary>
    public static void SaveCheckpoint(string path, IEnumerable<KeyValuePair<string, Tensor>> stateDict, int epoch)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var items = stateDict.Select(kv => (kv.Key, Tensor: kv.Value.detach().cpu().contiguous())).ToList();
        try
        {
            var described = items.Select(t => (t.Key, TorchGlobals.StorageName(path, t.Tensor.dtype), t.Tensor.numel(), t.Tensor.shape)).ToList();
            var pickle = PickleWriter.Checkpoint(described, epoch);
            string name = Path.GetFileName(path);
            string prefix = (name.Contains('.') ? name[..name.LastIndexOf('.')] : name) + "/";
            string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(dir);
            string tmp = Path.Combine(dir, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
                {
                    var zip = new TorchZipWriter(fs);
                    zip.Add(prefix + "data.pkl", pickle);
                    for (int i = 0; i < items.Count; i++)
                        zip.Add(prefix + "data/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), items[i].Tensor.bytes);
                    zip.Add(prefix + "version", "3\n"u8);
                    zip.Finish();
                    fs.Flush(flushToDisk: true);
                }
                File.Move(tmp, path, overwrite: true);
            }
            catch
            {
                try { File.Delete(tmp); } catch (IOException) { }
                throw;
            }
        }
        finally
        {
            foreach (var (_, t) in items) t.Dispose();
        }
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
