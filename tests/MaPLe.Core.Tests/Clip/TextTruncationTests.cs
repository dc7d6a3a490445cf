using MaPLe.Clip;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Clip;

public sealed class TextTruncationTests
{
    [Fact]
    public void TruncatedTextEqualsFullLengthText()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        // Rows of different lengths: EOT (the largest id) at positions 3, 6 and 9 of 77.
        var ids = zeros(3, 77, ScalarType.Int64);
        long[][] rows = [[49406, 320, 1125, 49407], [49406, 320, 1125, 539, 320, 2368, 49407], [49406, 320, 1125, 539, 320, 1929, 9742, 268, 269, 49407]];
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < rows[r].Length; c++)
                ids[r, c] = tensor(rows[r][c]);
        var eot = ids.argmax(-1);
        using var _ = no_grad();
        var emb = clip.EmbedTokens(ids);
        var truncated = clip.Model.text.Forward(emb, eot, null, truncate: true);
        var full = clip.Model.text.Forward(emb, eot, null, truncate: false);
        TensorAssert.Close(truncated, full, 1e-5, "truncated vs full text features");
    }
}
