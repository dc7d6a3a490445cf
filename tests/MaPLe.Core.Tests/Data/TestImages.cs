using System.Text;
using MaPLe.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Tests.Data;

/// <summary>Tiny binary PPM (P6) images whose constant colour encodes an id, so a batch's pixels reveal which files it holds.</summary>
internal static class TestImages
{
    /// <summary>The colour of image <paramref name="id"/> (never black).</summary>
    public static (byte R, byte G, byte B) ColorOf(int id) => ((byte)(id % 251 + 1), (byte)(id / 251 % 251 + 1), 200);

    /// <summary>Writes a 5×3 PPM of image <paramref name="id"/>'s colour (whatever the file's extension).</summary>
    public static void Write(string path, int id)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (r, g, b) = ColorOf(id);
        const int w = 5, h = 3;
        var header = Encoding.ASCII.GetBytes($"P6\n{w} {h}\n255\n");
        var data = new byte[header.Length + w * h * 3];
        header.CopyTo(data, 0);
        for (int i = 0; i < w * h; i++)
        {
            data[header.Length + 3 * i] = r;
            data[header.Length + 3 * i + 1] = g;
            data[header.Length + 3 * i + 2] = b;
        }
        File.WriteAllBytes(path, data);
    }

    /// <summary>Writes a file that is not an image.</summary>
    public static void WriteBroken(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "this is not an image");
    }

    /// <summary>The id encoded by a pixel's first two channels (values in [0,1]).</summary>
    public static int IdOf(float r, float g) => (int)Math.Round(r * 255) - 1 + ((int)Math.Round(g * 255) - 1) * 251;

    /// <summary>An in-memory image of id's colour.</summary>
    public static RgbImage Image(int id, int width = 4, int height = 4)
    {
        var (r, g, b) = ColorOf(id);
        var px = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++)
        {
            px[3 * i] = r;
            px[3 * i + 1] = g;
            px[3 * i + 2] = b;
        }
        return new RgbImage(width, height, px);
    }
}

/// <summary>Decodes the binary PPM files of <see cref="TestImages"/>; anything else is an <see cref="ImageDecodeException"/>.</summary>
internal sealed class PpmTestDecoder : IImageDecoder
{
    private int _calls;

    public int Calls => _calls;

    public RgbImage Decode(string path)
    {
        Interlocked.Increment(ref _calls);
        if (!File.Exists(path))
            throw new ImageDecodeException(path, "file not found");
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 32));
        var parts = text.Split('\n');
        if (parts.Length < 4 || parts[0] != "P6" || parts[2] != "255")
            throw new ImageDecodeException(path, "not a binary PPM");
        var size = parts[1].Split(' ');
        int w = int.Parse(size[0]), h = int.Parse(size[1]);
        int offset = parts[0].Length + parts[1].Length + parts[2].Length + 3;
        if (bytes.Length - offset != w * h * 3)
            throw new ImageDecodeException(path, "truncated");
        return new RgbImage(w, h, bytes[offset..]);
    }
}

/// <summary>
/// Nearest-neighbour resize to N×N and /255, CHW float32. With <c>randomOffset</c>, adds one draw of the per-sample
/// generator to the blue plane, exposing which <see cref="Random"/> each sample received.
/// </summary>
internal sealed class NearestTestTransform(int resolution, bool randomOffset = false) : IImageTransform
{
    public int Resolution { get; } = resolution;

    public Tensor Apply(RgbImage image, Random random)
    {
        int n = Resolution;
        var data = new float[3 * n * n];
        float offset = randomOffset ? (float)random.NextDouble() : 0f;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                int sx = x * image.Width / n, sy = y * image.Height / n;
                int p = (sy * image.Width + sx) * 3;
                for (int c = 0; c < 3; c++)
                    data[c * n * n + y * n + x] = image.Pixels[p + c] / 255f + (c == 2 ? offset : 0f);
            }
        return tensor(data, [3, n, n]);
    }
}

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "maple-data-" + Guid.NewGuid().ToString("N")));

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void WriteText(string relative, string content)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
