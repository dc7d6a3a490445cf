using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace MaPLe.Checkpoints;

/// <summary>Reads and writes safetensors files (writes are atomic: temporary file, then rename).</summary>
public static class SafeTensors
{
    /// <summary>Loads every tensor of a file, optionally converted to <paramref name="dtype"/>.</summary>
    public static Dictionary<string, Tensor> Load(string path, ScalarType? dtype = null, Device? device = null)
    {
        using var file = SafeTensorsFile.Open(path);
        return file.ReadAll(dtype, device);
    }

    /// <summary>
    /// Writes tensors (any device/dtype among those supported; keys in the given order) plus string metadata.
    /// The header is padded to a multiple of 8 bytes. The previous file, if any, is replaced only once the new one is complete.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var items = tensors.ToList();
        var dupes = items.GroupBy(kv => kv.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0)
            throw new ArgumentException($"Duplicate tensor names: {string.Join(", ", dupes)}.", nameof(tensors));

        var headerObj = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 })
            headerObj["__metadata__"] = metadata;
        long offset = 0;
        var payload = new List<(Tensor Cpu, long Bytes)>();
        try
        {
            foreach (var (name, tensor) in items)
            {
                var dtype = SafeTensorDTypes.FromScalarType(tensor.dtype);
                // A new handle either way (a view of the caller's storage when it is already a contiguous CPU tensor).
                var cpu = tensor.device_type != TorchSharp.DeviceType.CPU || !tensor.is_contiguous()
                    ? tensor.detach().cpu().contiguous()
                    : tensor.detach();
                long bytes = cpu.numel() * dtype.ElementSize();
                headerObj[name] = new Dictionary<string, object>
                {
                    ["dtype"] = dtype.ToString(),
                    ["shape"] = cpu.shape,
                    ["data_offsets"] = new[] { offset, offset + bytes },
                };
                payload.Add((cpu, bytes));
                offset += bytes;
            }

            byte[] header = JsonSerializer.SerializeToUtf8Bytes(headerObj);
            int padded = (header.Length + 7) / 8 * 8;
            var headerPadded = new byte[padded];
            Array.Fill(headerPadded, (byte)' ');
            header.CopyTo(headerPadded, 0);

            string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(dir);
            string tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    fs.Write(BitConverter.GetBytes((ulong)padded));
                    fs.Write(headerPadded);
                    foreach (var (cpu, bytes) in payload)
                        WriteData(fs, cpu, bytes);
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
            foreach (var (cpu, _) in payload)
                cpu.Dispose();
        }
    }

    private static void WriteData(FileStream fs, Tensor cpu, long bytes)
    {
        if (bytes > 0)
            fs.Write(cpu.bytes);
    }
}
