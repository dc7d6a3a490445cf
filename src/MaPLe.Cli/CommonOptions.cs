using System.CommandLine;

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

    /// <summary>Reads class names from --classes or --classes-file.</summary>
    public static IReadOnlyList<string>? ReadClasses(string? classes, string? classesFile)
    {
        if (classes is not null && classesFile is not null)
            throw new ArgumentException("Give either --classes or --classes-file, not both.");
        if (classesFile is not null)
        {
            if (!File.Exists(classesFile)) throw new FileNotFoundException($"Classes file not found: '{classesFile}'.", classesFile);
            return File.ReadAllLines(classesFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        }
        return classes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"];

    /// <summary>Expands folders into their image files (sorted); files are kept as given.</summary>
    public static IReadOnlyList<string> ExpandImages(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
                result.AddRange(Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                    .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(p))
                result.Add(p);
            else
                throw new FileNotFoundException($"No such image file or folder: '{p}'.", p);
        }
        if (result.Count == 0) throw new ArgumentException("No images found in the given paths.");
        return result;
    }
}
