using System.Buffers.Binary;
using System.Numerics;
using static TorchSharp.torch;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>The container formats PyTorch writes.</summary>
public enum PyTorchFileFormat
{
    /// <summary><c>torch.save</c> zip archive (torch ≥ 1.6 default).</summary>
    Zip,
    /// <summary><c>torch.save</c> legacy stream (torch &lt; 1.6, or <c>_use_new_zipfile_serialization=False</c>).</summary>
    Legacy,
    /// <summary><c>torch.jit.save</c> TorchScript archive (OpenAI's released CLIP <c>.pt</c> files).</summary>
    TorchScript,
}

/// <summary>
/// An opened PyTorch file: the unpickled object (containers, inert records, tensor descriptors) and, per storage key,
/// where its bytes lie. Storages are read on demand, each at most once, after their declared size was checked against
/// the bytes present.
/// </summary>
internal sealed class TorchArchive : IDisposable
{
    private static readonly BigInteger LegacyMagic = BigInteger.Parse("119547037146038801333356", System.Globalization.CultureInfo.InvariantCulture);   // 0x1950a86a20f9469cfc6c
    private readonly FileStream _file;
    private readonly Dictionary<string, TorchStorage> _storages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _dataOffsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tensor> _read = new(StringComparer.Ordinal);

    private TorchArchive(string path, FileStream file)
    {
        Path = path;
        _file = file;
    }

    public string Path { get; }

    public PyTorchFileFormat Format { get; private set; }

    public object? Root { get; private set; }

    /// <summary>Whether the file starts like a torch.save / torch.jit.save file (zip or legacy pickle stream).</summary>
    public static bool Sniff(string path)
    {
        using var f = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        int n = f.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        return n == 4 && (ZipDirectory.LooksLikeZip(head) || (head[0] == 0x80 && head[2] == 0x8a));
    }

    public static TorchArchive Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"PyTorch file not found: '{path}'.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var archive = new TorchArchive(path, file);
        try
        {
            var head = new byte[Math.Min(4, (int)Math.Min(file.Length, 4))];
            file.ReadExactly(head);
            file.Position = 0;
            if (ZipDirectory.LooksLikeZip(head)) archive.OpenZip();
            else if (head.Length == 4 && head[0] == 0x80 && head[2] == 0x8a) archive.OpenLegacy();
            else throw new PyTorchFormatException(path, "it is neither a torch.save zip archive, nor a legacy torch.save stream, nor a TorchScript archive.");
            return archive;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException and not FileNotFoundException)
        {
            archive.Dispose();
            throw new PyTorchFormatException(path, $"the file ends early or cannot be read ({e.Message}).", e);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    private void OpenZip()
    {
        var entries = ZipDirectory.Read(Path, _file);
        var pickles = entries.Keys.Where(k => k.EndsWith("/data.pkl", StringComparison.Ordinal) && k.IndexOf('/') == k.Length - "/data.pkl".Length).ToList();
        if (pickles.Count != 1)
            throw new PyTorchFormatException(Path, $"the zip archive has {pickles.Count} top-level '<folder>/data.pkl' entries; a torch.save or torch.jit.save archive has exactly one.");
        string prefix = pickles[0][..^"data.pkl".Length];
        Format = entries.ContainsKey(prefix + "constants.pkl") || entries.Keys.Any(k => k.StartsWith(prefix + "code/", StringComparison.Ordinal))
            ? PyTorchFileFormat.TorchScript
            : PyTorchFileFormat.Zip;
        var pkl = Stored(entries[pickles[0]]);
        var bytes = ZipDirectory.ReadAt(Path, _file, pkl.DataOffset, checked((int)pkl.Size));
        using var ms = new MemoryStream(bytes, writable: false);
        Root = PickleReader.Load(Path, ms, bytes.Length, pid =>
        {
            var s = Declare(pid, 5);
            string entryName = prefix + "data/" + s.Key;
            if (!entries.TryGetValue(entryName, out var entry))
                throw new PyTorchFormatException(Path, $"the pickle refers to storage '{s.Key}' but the archive has no entry '{entryName}'.");
            entry = Stored(entry);
            long need = checked(s.ElementCount * s.ElementSize);
            if (entry.Size != need)
                throw new PyTorchFormatException(Path, $"storage '{s.Key}' declares {s.ElementCount} elements ({need} bytes) but entry '{entryName}' holds {entry.Size} bytes.");
            _dataOffsets[s.Key] = entry.DataOffset;
            return s;
        });
    }

    private ZipEntry Stored(ZipEntry e) => e.Method == 0
        ? e
        : throw new PyTorchFormatException(Path, $"zip entry '{e.Name}' is compressed (method {e.Method}); torch stores its pickles and tensor data uncompressed, so this file was not written by torch and is refused.");

    private void OpenLegacy()
    {
        long Left() => _file.Length - _file.Position;
        object? Next(Func<PickleTuple, object> pid) => PickleReader.Load(Path, _file, Left(), pid);
        Func<PickleTuple, object> none = _ => throw new PyTorchFormatException(Path, "a persistent id appears in the legacy header.");
        if (Next(none) is not BigInteger magic || magic != LegacyMagic)
            throw new PyTorchFormatException(Path, "the legacy torch.save magic number is missing: not a torch file.");
        if (Next(none) is not long version || version != 1001)
            throw new PyTorchFormatException(Path, "unsupported legacy torch.save protocol version (1001 expected).");
        if (Next(none) is not PickleDict info || info.Get("little_endian") is not true)
            throw new PyTorchFormatException(Path, "the legacy header's sys_info is missing or the file is big-endian.");
        Format = PyTorchFileFormat.Legacy;
        Root = Next(pid => Declare(pid, 6));
        if (Next(none) is not List<object?> keys)
            throw new PyTorchFormatException(Path, "the legacy storage key list is missing.");
        foreach (var k in keys)
        {
            if (k is not string key || !_storages.TryGetValue(key, out var s))
                throw new PyTorchFormatException(Path, $"the legacy storage list names a storage the object never declared ({TorchGlobals.Describe(k)} {k}).");
            if (_dataOffsets.ContainsKey(key))
                throw new PyTorchFormatException(Path, $"storage '{key}' is listed twice.");
            long count = BinaryPrimitives.ReadInt64LittleEndian(ZipDirectory.ReadAt(Path, _file, _file.Position, 8));
            if (count != s.ElementCount)
                throw new PyTorchFormatException(Path, $"storage '{key}' is declared with {s.ElementCount} elements but its data says {count}.");
            long bytes = checked(count * s.ElementSize);
            if (bytes > Left())
                throw new PyTorchFormatException(Path, $"storage '{key}' needs {bytes} bytes but only {Left()} remain: the file is truncated.");
            _dataOffsets[key] = _file.Position;
            _file.Position += bytes;
        }
        var missing = _storages.Keys.FirstOrDefault(k => !_dataOffsets.ContainsKey(k));
        if (missing is not null)
            throw new PyTorchFormatException(Path, $"storage '{missing}' is used but its data is not in the file.");
    }

    private TorchStorage Declare(PickleTuple pid, int arity)
    {
        var a = pid.Items;
        if (a.Length != arity || a[0] is not "storage" || a[2] is not string key || a[4] is not long numel)
            throw new PyTorchFormatException(Path, $"a persistent id is not ('storage', type, key, location, numel{(arity == 6 ? ", view" : "")}).");
        if (arity == 6 && a[5] is not null)
            throw new PyTorchFormatException(Path, $"storage '{key}' is a storage view (torch < 0.4 files), which is not supported; re-save it with a newer torch.");
        var type = TorchGlobals.StorageType(a[1])
                   ?? throw new PyTorchFormatException(Path, $"storage '{key}' has an unknown storage type ({TorchGlobals.Describe(a[1])}).");
        if (numel < 0)
            throw new PyTorchFormatException(Path, $"storage '{key}' declares a negative element count ({numel}).");
        if (numel > _file.Length / type.Size)
            throw new PyTorchFormatException(Path, $"storage '{key}' declares {numel} elements, more than the {_file.Length}-byte file can hold.");
        var s = new TorchStorage(key, type.Type, type.Size, numel);
        if (_storages.TryGetValue(key, out var known))
        {
            if (known != s)
                throw new PyTorchFormatException(Path, $"storage '{key}' is declared twice with different types or sizes.");
            return known;
        }
        _storages[key] = s;
        return s;
    }

    /// <summary>A new contiguous CPU tensor holding the view's values, in the stored dtype.</summary>
    public Tensor Materialize(TorchTensor t)
    {
        var storage = ReadStorage(t.Storage);
        using var view = storage.as_strided(t.Shape, t.Stride, t.Offset);
        var result = empty(t.Shape, t.Storage.DType);
        result.copy_(view);
        return result;
    }

    private Tensor ReadStorage(TorchStorage s)
    {
        if (_read.TryGetValue(s.Key, out var cached)) return cached;
        if (!_dataOffsets.TryGetValue(s.Key, out long offset))
            throw new PyTorchFormatException(Path, $"storage '{s.Key}' has no data.");
        var t = empty([s.ElementCount], s.DType);
        try
        {
            _file.Position = offset;
            _file.ReadExactly(t.bytes);
        }
        catch (EndOfStreamException e)
        {
            t.Dispose();
            throw new PyTorchFormatException(Path, $"the file ends inside storage '{s.Key}'.", e);
        }
        _read[s.Key] = t;
        return t;
    }

    public void Dispose()
    {
        foreach (var t in _read.Values) t.Dispose();
        _read.Clear();
        _file.Dispose();
    }
}
