using System.Text.Json;
using MaPLe.Tests.TestSupport;
using MaPLe.Tokenization;

namespace MaPLe.Tests.Tokenization;

/// <summary>One entry of the fixture set's <c>tokenizer.json</c>: <c>clip.tokenize(text, truncate=truncate)[0]</c>.</summary>
public sealed record TokenizerCase(string Text, bool Truncate, int[]? Ids);

/// <summary>The OpenAI tokenizer (loaded once) and the cases of <c>tokenizer.json</c>.</summary>
internal static class TokenizerFixtures
{
    private static readonly Lazy<ClipTokenizer> OpenAiLazy = new(() => ClipTokenizer.FromBpeFile(Fixtures.BpeVocab));
    private static readonly Lazy<IReadOnlyList<TokenizerCase>> CasesLazy = new(LoadCases);

    /// <summary>CLIP's tokenizer from the fixture merges file. Shared: it is thread-safe.</summary>
    public static ClipTokenizer OpenAi => OpenAiLazy.Value;

    /// <summary>The path of <c>tokenizer.json</c> in the fixture set under test.</summary>
    public static string CasesPath => Fixtures.Path_("tokenizer.json");

    /// <summary>Every entry of <c>tokenizer.json</c> (empty when the fixture set has none).</summary>
    public static IReadOnlyList<TokenizerCase> Cases => CasesLazy.Value;

    private static IReadOnlyList<TokenizerCase> LoadCases()
    {
        if (!File.Exists(CasesPath))
            return [];
        using var document = JsonDocument.Parse(File.ReadAllBytes(CasesPath));
        return document.RootElement.EnumerateArray().Select(e => new TokenizerCase(
            e.GetProperty("text").GetString()!,
            e.TryGetProperty("truncate", out var t) && t.GetBoolean(),
            e.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().Select(i => i.GetInt32()).ToArray()
                : null)).ToList();
    }
}
