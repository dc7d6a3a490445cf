using System.CommandLine;
using MaPLe.Imaging;
using MaPLe.IO;

namespace MaPLe.Cli;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    /// <summary>CLIP weights.</summary>
    public static Option<string?> Weights() => new("--weights", "-w") { Description = "CLIP weights (.safetensors, OpenAI or Hugging Face names); default: the shipped tiny CLIP" };

    /// <summary>BPE vocabulary.</summary>
    public static Option<string?> Vocabulary() => new("--vocab") { Description = "BPE vocabulary (bpe_simple_vocab_16e6.txt.gz format); default: the shipped tiny vocabulary" };

    /// <summary>Device.</summary>
    public static Option<string> Device() => new("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };

    /// <summary>Compute dtype.</summary>
    public static Option<string> DType() => new("--dtype") { Description = "fp32 or bf16 (frozen CLIP only; prompts stay fp32)", DefaultValueFactory = _ => "fp32" };

    /// <summary>Class names, comma-separated.</summary>
    public static Option<string?> Classes() => new("--classes", "-c") { Description = "class names, comma-separated (\"cat,dog,golden retriever\")" };

    /// <summary>A file with one class name per line.</summary>
    public static Option<string?> ClassesFile() => new("--classes-file") { Description = "a file with one class name per line" };

    /// <summary>How many predictions per image.</summary>
    public static Option<int> TopK() => new("--top-k", "-k") { Description = "predictions to show per image", DefaultValueFactory = _ => 3 };

    /// <summary>Images or folders.</summary>
    public static Argument<string[]> Images() => new("images") { Description = "image files or folders", Arity = ArgumentArity.OneOrMore };

    /// <summary>The pixel budget of decoded images.</summary>
    public static Option<double> MaxMegapixels() => new("--max-megapixels")
    {
        Description = "refuse images whose header declares more megapixels than this (checked before decoding)",
        DefaultValueFactory = _ => SkiaImageDecoder.DefaultMaxPixels / 1e6,
    };

    /// <summary>A decoder with the <c>--max-megapixels</c> budget.</summary>
    public static SkiaImageDecoder Decoder(double megapixels) =>
        double.IsFinite(megapixels) && megapixels > 0 && megapixels <= long.MaxValue / 1e6
            ? new SkiaImageDecoder { MaxPixels = Math.Max(1, (long)(megapixels * 1e6)) }
            : throw new ArgumentException($"--max-megapixels must be a positive number, not {megapixels}.");

    /// <summary>Reads class names from --classes or --classes-file (a UTF-8 text file, one name per line).</summary>
    /// <exception cref="MalformedFileException">The file is not UTF-8 text or holds no names.</exception>
    public static IReadOnlyList<string>? ReadClasses(string? classes, string? classesFile)
    {
        if (classes is not null && classesFile is not null)
            throw new ArgumentException("Give either --classes or --classes-file, not both.");
        if (classesFile is not null)
        {
            if (!File.Exists(classesFile) && !Directory.Exists(classesFile))
                throw new FileNotFoundException($"Classes file not found: '{classesFile}'.", classesFile);
            var lines = Utf8Text.TryReadLines(classesFile, out var problem)
                        ?? throw new MalformedFileException(classesFile, problem + " (a classes file is UTF-8 text, one class name per line).");
            var names = lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            return names.Count > 0 ? names : throw new MalformedFileException(classesFile, "it holds no class names (one per line).");
        }
        return classes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"];

    /// <summary>
    /// Expands folders into their image files (sorted; symbolic-link loops entered once; FIFOs, devices and broken links
    /// skipped with a warning on <paramref name="warnings"/>); files are kept as given and marked <see cref="ImageInput.Named"/>.
    /// </summary>
    public static IReadOnlyList<ImageInput> ExpandImages(IEnumerable<string> paths, TextWriter? warnings = null)
    {
        var result = new List<ImageInput>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
                result.AddRange(FolderWalk.Files(p, (file, why) => warnings?.WriteLine($"warning: skipped '{file}': {why}."))
                    .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Select(f => new ImageInput(f, Named: false)));
            else if (File.Exists(p) || new FileInfo(p).LinkTarget is not null)
                result.Add(new ImageInput(p, Named: true));
            else
                throw new FileNotFoundException($"No such image file or folder: '{p}'.", p);
        }
        if (result.Count == 0) throw new ArgumentException("No images found in the given paths.");
        return result;
    }
}

/// <summary>An image to classify.</summary>
/// <param name="Path">The file.</param>
/// <param name="Named">Given on the command line itself (an error in it fails the command) rather than found in a folder (skipped with a warning).</param>
public sealed record ImageInput(string Path, bool Named);
