using System.Globalization;

/// <summary>Command-line options of the pretraining sample.</summary>
sealed record PretrainArguments(int Steps, int Batch, string OutputDir, int Seed, int Width, int Layers, int Merges, double LearningRate, int Threads)
{
    public static PretrainArguments Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Unexpected argument '{args[i]}'. Options: --steps N --batch N --out DIR --seed N --width N --layers N --merges N --lr X --threads N");
            map[args[i][2..]] = args[++i];
        }
        int Int(string k, int d) => map.TryGetValue(k, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : d;
        return new PretrainArguments(
            Int("steps", 1000), Int("batch", 64),
            map.GetValueOrDefault("out", Path.Combine("samples", "assets")),
            Int("seed", 0), Int("width", 96), Int("layers", 9), Int("merges", 600),
            map.TryGetValue("lr", out var lr) ? double.Parse(lr, CultureInfo.InvariantCulture) : 5e-4,
            Int("threads", Environment.ProcessorCount));
    }
}
