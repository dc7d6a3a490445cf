using MaPLe.Cli.Sweeps;
using System.Security.Cryptography;
using System.Text;

namespace MaPLe.Cli.Sharding;

/// <summary>
/// Joins the parts of a <c>--shard k/n</c> run into the output one process would have written: prediction lines in
/// their input order under the header, evaluation confusion matrices summed into one report. Refuses parts of
/// different runs, duplicated or missing parts.
/// </summary>
public static class ShardMerger
{
    /// <summary>A fingerprint of the pieces every part of a run shares.</summary>
    public static string RunFingerprint(params IEnumerable<string>[] pieces)
    {
        var text = string.Join("\n\u0001", pieces.Select(p => string.Join("\n", p)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Merges <paramref name="partFiles"/> into <paramref name="output"/>; returns a one-line summary.</summary>
    /// <exception cref="SweepFileException">The parts do not form one complete run; the message says which part and why.</exception>
    public static string Merge(IReadOnlyList<string> partFiles, string output)
    {
        if (partFiles.Count == 0) throw new ArgumentException("Give the part files to merge.");
        var parts = partFiles.Select(f => (File: f, Part: ShardPart.Read(f))).ToList();
        var first = parts[0].Part;
        foreach (var (file, part) in parts)
        {
            if (part.Kind != first.Kind || part.Of != first.Of || part.Total != first.Total || part.Run != first.Run)
                throw new SweepFileException(file, $"'{file}' belongs to another run than '{parts[0].File}' (kind, part count, inputs or classes differ).");
        }
        var duplicate = parts.GroupBy(p => p.Part.Shard).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SweepFileException(string.Join(", ", partFiles), $"Part {duplicate.Key}/{first.Of} is given twice: {string.Join(", ", duplicate.Select(p => $"'{p.File}'"))}.");
        var missing = Enumerable.Range(1, first.Of).Except(parts.Select(p => p.Part.Shard)).ToList();
        if (missing.Count > 0)
            throw new SweepFileException(string.Join(", ", partFiles), $"Missing part(s) {string.Join(", ", missing.Select(m => $"{m}/{first.Of}"))}: run them with --shard and merge all {first.Of}.");
        if (parts.Sum(p => p.Part.Count) != first.Total)
            throw new SweepFileException(string.Join(", ", partFiles), $"The parts hold {parts.Sum(p => p.Part.Count)} items, the run has {first.Total}.");
        return first.Kind switch
        {
            ShardPart.PredictionsKind => MergePredictions(parts.Select(p => p.Part).ToList(), output, string.Join(", ", partFiles)),
            ShardPart.EvaluationKind => MergeEvaluation(parts.Select(p => p.Part).ToList(), output, string.Join(", ", partFiles)),
            _ => throw new SweepFileException(parts[0].File, $"'{parts[0].File}' holds parts of kind '{first.Kind}', which 'maple merge' does not know."),
        };
    }

    private static string MergePredictions(List<ShardPart> parts, string output, string files)
    {
        var lines = parts.SelectMany(p => p.Lines ?? []).OrderBy(l => l.Position).ToList();
        var covered = lines.Select(l => l.Position).Concat(parts.SelectMany(p => p.Skipped ?? [])).ToList();
        if (covered.Distinct().Count() != covered.Count || covered.Count != parts[0].Total)
            throw new SweepFileException(files, "The parts' lines overlap or leave gaps: were they written by the same command line?");
        PredictionsCsv.Write(output, parts[0].Header!, lines.Select(l => l.Text));
        return $"merged {parts.Count} parts: {lines.Count} predictions -> {output}";
    }

    private static string MergeEvaluation(List<ShardPart> parts, string output, string files)
    {
        var first = parts[0].Evaluation ?? throw new SweepFileException(files, "An evaluation part holds no evaluation.");
        var counts = new long[first.Classes.Count, first.Classes.Count];
        foreach (var part in parts)
        {
            var e = part.Evaluation!;
            if (!e.Classes.SequenceEqual(first.Classes) || e.Method != first.Method || e.Dataset != first.Dataset || e.Prompts != first.Prompts)
                throw new SweepFileException(files, $"Part {part.Shard}/{part.Of} evaluated other classes, method, dataset or prompts.");
            var c = e.ToConfusion().ToArray();
            for (int t = 0; t < counts.GetLength(0); t++)
                for (int p = 0; p < counts.GetLength(1); p++)
                    counts[t, p] += c[t, p];
        }
        var merged = EvaluationFile.From(first.Method, first.Prompts, first.Dataset, first.Classes, new MaPLe.Evaluation.ConfusionMatrix(counts));
        merged.Write(output);
        return $"merged {parts.Count} parts: {merged.Samples} images, accuracy {merged.Accuracy.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}% -> {output}";
    }
}
