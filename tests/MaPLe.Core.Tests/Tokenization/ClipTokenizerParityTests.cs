using MaPLe.Tokenization;

namespace MaPLe.Tests.Tokenization;

/// <summary>Every entry of the fixture set's <c>tokenizer.json</c> against <see cref="ClipTokenizer"/>.</summary>
[Trait("Category", "Parity")]
public sealed class ClipTokenizerParityTests
{
    /// <summary>Index and text of every case (one placeholder row when the set has no tokenizer.json).</summary>
    public static TheoryData<int, string> CaseIndices()
    {
        var data = new TheoryData<int, string>();
        var cases = TokenizerFixtures.Cases;
        if (cases.Count == 0)
            data.Add(-1, "(no tokenizer.json in this fixture set)");
        for (var i = 0; i < cases.Count; i++)
            data.Add(i, cases[i].Text.Length <= 60 ? cases[i].Text : cases[i].Text[..57] + "...");
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Tokenize_matches_clip_tokenize(int index, string label)
    {
        if (index < 0)
            return; // this fixture set has no tokenizer part
        var @case = TokenizerFixtures.Cases[index];
        var tokenizer = TokenizerFixtures.OpenAi;

        if (@case.Ids is null)
        {
            // clip.tokenize refused it: too long for the context without truncate.
            Assert.False(@case.Truncate, label);
            Assert.Throws<ArgumentException>(() => tokenizer.Tokenize(@case.Text, ClipTokenizer.DefaultContextLength));
            return;
        }

        Assert.Equal(@case.Ids, tokenizer.Tokenize(@case.Text, @case.Ids.Length, @case.Truncate));
    }
}
