using MaPLe.Clip;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.ZeroShot;

/// <summary>
/// Options of zero-shot CLIP (upstream <c>ZeroshotCLIP</c>/<c>ZeroshotCLIP2</c>): nothing is learned; classes are described
/// by templates. One template gives upstream's <c>ZeroshotCLIP</c>; several give the <c>ZeroshotCLIP2</c> ensemble (mean
/// of the normalized per-template features, normalized again).
/// </summary>
public sealed record ZeroShotOptions : PromptMethodOptions
{
    /// <summary>Templates with one "{}" for the class name (default: "a photo of a {}.").</summary>
    public IReadOnlyList<string> Templates { get; init; } = [ZeroShotTemplates.Default];

    /// <inheritdoc />
    public override string Method => "zeroshot";

    /// <summary>Upstream's <c>ZeroshotCLIP2</c> ensemble for <paramref name="dataset"/>.</summary>
    public static ZeroShotOptions EnsembleForDataset(string dataset) => new() { Templates = ZeroShotTemplates.EnsembleFor(dataset) };

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) =>
        Templates.Select(t => ZeroShotTemplates.Format(t, className));

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new ZeroShotClassifier(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        if (Templates is null || Templates.Count == 0)
        {
            yield return $"{nameof(Templates)} must hold at least one template such as \"{ZeroShotTemplates.Default}\".";
            yield break;
        }
        for (int i = 0; i < Templates.Count; i++)
        {
            var t = Templates[i];
            int marks = t is null ? 0 : CountOf(t, "{}");
            if (t is null || marks != 1 || t.Replace("{}", "", StringComparison.Ordinal).IndexOfAny(['{', '}']) >= 0)
                yield return $"{nameof(Templates)}[{i}] \"{t}\" must contain exactly one \"{{}}\" (where the class name goes) and no other braces.";
        }
    }

    /// <inheritdoc />
    public bool Equals(ZeroShotOptions? other) =>
        other is not null && Templates.SequenceEqual(other.Templates, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => Templates.Aggregate(17, (h, t) => HashCode.Combine(h, t));

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
