using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Checkpoints;

/// <summary>
/// A safetensors file opened for reading. The header is parsed and validated on open (length, JSON, dtypes, shapes,
/// offsets inside the data section, no overlaps); tensor bytes are read straight from the file into tensor memory,
/// so a large checkpoint is read exactly once.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private const long MaxHeaderBytes = 100L * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly FileStream _stream;
    private readonly Dictionary<string, SafeTensorInfo> _byName;
    private readonly long _dataStart;

    private SafeTensorsFile(string path, FileStream stream, List<SafeTensorInfo> tensors, Dictionary<string, string> metadata, long dataStart)
    {
        FilePath = path;
        _stream = stream;
        Tensors = tensors;
        Metadata = metadata;
        _dataStart = dataStart;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file's path.</summary>
    public string FilePath { get; }

    /// <summary>Entries in file order (ascending data offset).</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> string map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Names of all tensors.</summary>
    public IEnumerable<string> Names => Tensors.Select(t => t.Name);

    /// <summary>Whether a tensor of this name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The header entry of a tensor.</summary>
    /// <exception cref="KeyNotFoundException">No tensor of that name; the message lists close names.</exception>
    public SafeTensorInfo this[string name] => _byName.TryGetValue(name, out var info)
        ? info
        : throw new KeyNotFoundException($"'{FilePath}' has no tensor '{name}' ({Tensors.Count} tensors; e.g. {string.Join(", ", Tensors.Take(5).Select(t => t.Name))}).");

    /// <summary>Opens and validates a safetensors file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is malformed; the message says how.</exception>
    public static SafeTensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            throw new FileNotFoundException($"Safetensors file not found: '{path}'.", path);
        if (IO.InputFiles.Problem(path) is { } problem)
            throw new SafeTensorsFormatException(path, problem + ".");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return Parse(path, stream);
        }
        catch (Exception e) when (e is InvalidOperationException or OverflowException or ArgumentException or KeyNotFoundException)
        {
            // A safety net: every known malformation has its own message above; anything else is still the file's fault.
            stream.Dispose();
            throw new SafeTensorsFormatException(path, $"the header is malformed ({e.Message}).");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static SafeTensorsFile Parse(string path, FileStream stream)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
            throw new SafeTensorsFormatException(path, $"the file is {fileLength} bytes long, shorter than the 8-byte header length (truncated or not a safetensors file).");
        Span<byte> lenBytes = stackalloc byte[8];
        stream.ReadExactly(lenBytes);
        ulong headerLength = BitConverter.ToUInt64(lenBytes);
        if (headerLength > (ulong)(fileLength - 8))
            throw new SafeTensorsFormatException(path, $"the header length {headerLength} runs past the end of the file ({fileLength} bytes): the file is truncated or not a safetensors file.");
        if (headerLength > MaxHeaderBytes)
            throw new SafeTensorsFormatException(path, $"the header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit.");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        long dataLength = fileLength - dataStart;

        JsonDocument doc;
        try
        {
            StrictUtf8.GetCharCount(header);
            doc = JsonDocument.Parse(header);
        }
        catch (DecoderFallbackException)
        {
            throw new SafeTensorsFormatException(path, "the header is not UTF-8 text (the file is corrupt or not a safetensors file).");
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(path, $"the header is not valid JSON ({e.Message}).");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException(path, "the header is not a JSON object.");
            var tensors = new List<SafeTensorInfo>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__")
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object)
                        throw new SafeTensorsFormatException(path, "__metadata__ must be an object of strings.");
                    foreach (var m in prop.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : m.Value.GetRawText();
                    continue;
                }
                if (!seen.Add(prop.Name))
                    throw new SafeTensorsFormatException(path, $"tensor '{prop.Name}' is listed twice in the header.");
                tensors.Add(ParseEntry(path, prop, dataLength));
            }

            tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            for (int i = 1; i < tensors.Count; i++)
            {
                var prev = tensors[i - 1];
                var cur = tensors[i];
                if (cur.Begin < prev.End && cur.End > cur.Begin && prev.End > prev.Begin)
                    throw new SafeTensorsFormatException(path, $"tensors '{prev.Name}' [{prev.Begin},{prev.End}) and '{cur.Name}' [{cur.Begin},{cur.End}) overlap.");
            }
            return new SafeTensorsFile(path, stream, tensors, metadata, dataStart);
        }
    }

    private static SafeTensorInfo ParseEntry(string path, JsonProperty prop, long dataLength)
    {
        var e = prop.Value;
        string name = prop.Name;
        if (e.ValueKind != JsonValueKind.Object
            || !e.TryGetProperty("dtype", out var dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out var offEl) || offEl.ValueKind != JsonValueKind.Array || offEl.GetArrayLength() != 2)
            throw new SafeTensorsFormatException(path, $"entry '{name}' must have \"dtype\", \"shape\" and two \"data_offsets\".");

        string dtypeName = dtypeEl.GetString()!;
        if (!SafeTensorDTypes.TryParse(dtypeName, out var dtype))
            throw new SafeTensorsFormatException(path, $"tensor '{name}' has unsupported dtype '{dtypeName}' (supported: {string.Join(", ", Enum.GetNames<SafeTensorDType>())}).");

        var shape = new long[shapeEl.GetArrayLength()];
        int i = 0;
        foreach (var d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long v) || v < 0)
                throw new SafeTensorsFormatException(path, $"tensor '{name}' has an invalid shape {shapeEl.GetRawText()}.");
            shape[i++] = v;
        }

        if (offEl[0].ValueKind != JsonValueKind.Number || offEl[1].ValueKind != JsonValueKind.Number
            || !offEl[0].TryGetInt64(out long begin) || !offEl[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw new SafeTensorsFormatException(path, $"tensor '{name}' has invalid data_offsets {offEl.GetRawText()}.");
        if (end > dataLength)
            throw new SafeTensorsFormatException(path, $"tensor '{name}' data_offsets [{begin},{end}) run past the end of the data section ({dataLength} bytes): the file is truncated.");

        // Checked: a shape like [2^62] must not wrap to a byte count that matches a tiny offset range.
        long expected;
        try
        {
            long count = 1;
            foreach (long d in shape)
                count = checked(count * d);
            expected = checked(count * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException(path, $"tensor '{name}' has shape {shapeEl.GetRawText()}, whose size in bytes overflows a 64-bit integer.");
        }
        if (end - begin != expected)
            throw new SafeTensorsFormatException(path, $"tensor '{name}' ({dtypeName} {string.Join("x", shape)}) needs {expected} bytes but its data_offsets span {end - begin}.");
        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    /// <summary>Reads one tensor (CPU, stored dtype unless <paramref name="dtype"/> is given, then converted).</summary>
    public Tensor Read(string name, ScalarType? dtype = null, Device? device = null)
    {
        var info = this[name];
        var t = ReadRaw(info);
        if ((dtype is { } dt && dt != t.dtype) || (device is not null && device.type != DeviceType.CPU))
        {
            var converted = t.to(dtype ?? t.dtype, device ?? CPU);
            t.Dispose();
            t = converted;
        }
        return t;
    }

    /// <summary>Reads every tensor in file order (one sequential pass over the file).</summary>
    public Dictionary<string, Tensor> ReadAll(ScalarType? dtype = null, Device? device = null)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var info in Tensors)
                result[info.Name] = Read(info.Name, dtype, device);
        }
        catch
        {
            foreach (var t in result.Values)
                t.Dispose();
            throw;
        }
        return result;
    }

    private Tensor ReadRaw(SafeTensorInfo info)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Safetensors data is little-endian; big-endian hosts are not supported.");
        var t = empty(info.Shape, info.DType.ToScalarType());
        if (info.End == info.Begin)
            return t;
        _stream.Position = _dataStart + info.Begin;
        try
        {
            // Tensor.bytes is a span over the tensor's own CPU memory: the file is read straight into it, no copy.
            _stream.ReadExactly(t.bytes);
        }
        catch (EndOfStreamException)
        {
            t.Dispose();
            throw new SafeTensorsFormatException(FilePath, $"unexpected end of file while reading tensor '{info.Name}'.");
        }
        return t;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
