using System.Globalization;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Official;

/// <summary>
/// What <see cref="OfficialCheckpoint.Verify"/> found: whether an official checkpoint fits the backbone and the init phrase
/// it is evaluated with. Neither is stored as such: whole-model checkpoints (MaPLe, IVLP, VPT) carry the frozen CLIP they
/// were trained on, and <c>token_suffix</c> holds the embedded words that follow the learned context.
/// </summary>
/// <param name="Path">The checkpoint.</param>
/// <param name="FrozenClipCompared">Frozen CLIP tensors of the checkpoint compared with the backbone (0: none carried,
/// as in CoOp/CoCoOp files, or a backbone whose weights are not inspectable).</param>
/// <param name="FrozenClipDiffering">Those whose shape or values differ from the backbone's (OpenAI names).</param>
/// <param name="ContextInitChecked">Whether <c>token_suffix</c> was there to check the init phrase against.</param>
/// <param name="ContextInitMatches">Whether, in every class, <c>token_suffix</c> starts with the embedded words of the init
/// phrase that follow the first n_ctx (true when not checked).</param>
/// <param name="StoredContinuation">When it does not match: the words the checkpoint's first class prompt continues with
/// after the learned context (its class name included), decoded where the backbone's token embedding has them.</param>
public sealed record OfficialCheckpointCheck(
    string Path, int FrozenClipCompared, IReadOnlyList<string> FrozenClipDiffering,
    bool ContextInitChecked, bool ContextInitMatches, string? StoredContinuation)
{
    /// <summary>One sentence per problem found (empty when the checkpoint fits).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (FrozenClipDiffering.Count > 0)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{Path}' was trained on another CLIP: {FrozenClipDiffering.Count} of its {FrozenClipCompared} frozen CLIP tensors differ from the backbone's " +
                    $"(first: {FrozenClipDiffering[0]}); load the CLIP it was trained with to reproduce the official results."));
            if (!ContextInitMatches)
                warnings.Add($"'{Path}' was trained with another init phrase: its prompts continue with \"{StoredContinuation}\" after the learned context; " +
                             "pass the config's CTX_INIT (--ctx-init, or InferOptions' contextInit).");
            return warnings;
        }
    }
}

public static partial class OfficialCheckpoint
{
    private const int ClipChunk = 48;

    /// <summary>
    /// Checks an official checkpoint against what it is about to be evaluated with: its frozen CLIP (when it carries one)
    /// against <paramref name="backbone"/>, compared in the lower precision of the two, and its <c>token_suffix</c> against
    /// the init phrase of <paramref name="options"/> (MaPLe, IVLP, deep language prompting). Loading does not need
    /// either to match; the results do. Reads the frozen CLIP in chunks.
    /// </summary>
    /// <exception cref="PyTorchFormatException">Not a readable checkpoint.</exception>
    public static OfficialCheckpointCheck Verify(string path, IClipBackbone backbone, IClipTokenizer tokenizer, PromptMethodOptions options)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        var info = DasslCheckpoint.Describe(path);
        var (compared, differing) = CompareFrozenClip(path, info, backbone, options.Method);
        var (checkedInit, matches, continuation) = CompareContextInit(path, info, backbone, tokenizer, options);
        return new OfficialCheckpointCheck(path, compared, differing, checkedInit, matches, continuation);
    }

    private static (int Compared, List<string> Differing) CompareFrozenClip(string path, DasslCheckpointInfo info, IClipBackbone backbone, string method)
    {
        var differing = new List<string>();
        if (backbone is not ClipBackbone { Model: var model }) return (0, differing);
        var keys = info.StateDict.Select(t => t.Name)
            .Where(k => !IsPromptKey(method, k) && !k.EndsWith("token_prefix", StringComparison.Ordinal) && !k.EndsWith("token_suffix", StringComparison.Ordinal))
            .Where(k => ClipName(k) is not null).ToList();
        var own = ClipWeights.ToOpenAiStateDict(model);
        foreach (var chunk in keys.Chunk(ClipChunk))
        {
            using var scope = NewDisposeScope();
            foreach (var (key, stored) in DasslCheckpoint.ReadStateDict(path, chunk))
            {
                string name = ClipName(key)!;
                if (!own.TryGetValue(name, out var mine) || !mine.shape.SequenceEqual(stored.shape)) { differing.Add(name); continue; }
                var dtype = Lower(mine.dtype, stored.dtype);
                if (!Same(mine.detach().cpu().to(dtype), stored.to(dtype))) differing.Add(name);
            }
        }
        return (keys.Count, differing);
    }

    // CustomCLIP's attribute names: image_encoder = clip.visual; text_encoder holds transformer, positional_embedding,
    // ln_final and text_projection; logit_scale as is.
    private static string? ClipName(string key) =>
        key.StartsWith("image_encoder.", StringComparison.Ordinal) ? "visual." + key["image_encoder.".Length..]
        : key.StartsWith("text_encoder.", StringComparison.Ordinal) ? key["text_encoder.".Length..]
        : key == "logit_scale" ? key
        : null;

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    // Both sides came from the same values when they match, so rounding both to the lower precision gives equal bits.
    private static ScalarType Lower(ScalarType a, ScalarType b) =>
        a == ScalarType.BFloat16 || b == ScalarType.BFloat16 ? ScalarType.BFloat16
        : a == ScalarType.Float16 || b == ScalarType.Float16 ? ScalarType.Float16
        : a == ScalarType.Float64 && b == ScalarType.Float64 ? ScalarType.Float64
        : ScalarType.Float32;

    private static (bool Checked, bool Matches, string? Continuation) CompareContextInit(
        string path, DasslCheckpointInfo info, IClipBackbone backbone, IClipTokenizer tokenizer, PromptMethodOptions options)
    {
        const string suffixKey = "prompt_learner.token_suffix";
        (string init, int tokens) = options switch
        {
            MaPLeOptions m => (m.ContextInit, m.PromptLength),
            IndependentVLOptions v => (v.ContextInit, v.TextPromptLength),
            DeepLanguageOptions l => (l.ContextInit, l.PromptLength),
            _ => ("", 0),
        };
        var suffixInfo = info.StateDict.FirstOrDefault(t => t.Name == suffixKey);
        if (tokens == 0 || suffixInfo is not { Shape.Length: 3 }) return (false, true, null);
        // Upstream keeps the init phrase's tokens after the first n_ctx as text (or none when it does not use the phrase).
        var rest = tokenizer.Encode(LearnedContext.ClassPromptPrefix(init, tokens)).Skip(tokens).ToArray();
        using var scope = NewDisposeScope();
        var suffix = DasslCheckpoint.ReadStateDict(path, [suffixKey])[suffixKey];
        if (rest.Length > suffix.shape[1]) return (true, false, Continuation(suffix, backbone, tokenizer, rest.Length));
        var expected = Embed(backbone, rest);
        var dtype = Lower(expected.dtype, suffix.dtype);
        bool matches = rest.Length == 0 || Same(suffix.narrow(1, 0, rest.Length).to(dtype), expected.to(dtype).unsqueeze(0).expand(suffix.shape[0], -1, -1));
        return (true, matches, matches ? null : Continuation(suffix, backbone, tokenizer, rest.Length));
    }

    private static Tensor Embed(IClipBackbone backbone, IReadOnlyList<int> ids)
    {
        using var _ = no_grad();
        return backbone.EmbedTokens(tensor(ids.Select(i => (long)i).ToArray(), device: backbone.Device)).detach().cpu();
    }

    // The first class's suffix rows decoded by exact match against the token embedding table ("?" where none matches).
    private static string Continuation(Tensor suffix, IClipBackbone backbone, IClipTokenizer tokenizer, int expectedWords)
    {
        int rows = (int)Math.Min(suffix.shape[1], expectedWords + 3);
        var table = Embed(backbone, Enumerable.Range(0, backbone.Config.Text.VocabularySize).ToList());
        var dtype = Lower(table.dtype, suffix.dtype);
        table = table.to(dtype);
        var words = new List<string>();
        for (int r = 0; r < rows; r++)
        {
            var hits = table.eq(suffix[0, r].to(dtype)).all(1).nonzero();
            words.Add(hits.shape[0] == 0 ? "?" : tokenizer.Decode([(int)hits[0, 0].item<long>()]));
        }
        return string.Join(" ", words);
    }
}
