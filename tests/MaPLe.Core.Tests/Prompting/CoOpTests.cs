using MaPLe.Prompting;
using MaPLe.Prompting.Components;
using MaPLe.Prompting.CoOp;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// CoOp's variants the fixtures do not cover (class token in the middle or in front, class-specific context), checked
/// against upstream's construction written out here per class.
/// </summary>
public sealed class CoOpTests(TinyClipFixture fixture) : IClassFixture<TinyClipFixture>
{
    [Theory]
    // n = 4, a 2-token name: SOT, ctx0, ctx1, name0, name1, ctx2, ctx3, then "." (7) and EOT (8) in place.
    [InlineData(ClassTokenPosition.Middle, new long[] { 0, 1, 2, 5, 6, 3, 4, 7, 8 })]
    // SOT, name0, name1, ctx0..ctx3, "." and EOT.
    [InlineData(ClassTokenPosition.Front, new long[] { 0, 5, 6, 1, 2, 3, 4, 7, 8 })]
    public void ClassPositionsRearrangeTheEndLayoutAsUpstream(ClassTokenPosition position, long[] expected)
    {
        using var layout = ClassTokenLayout.Create(position, 4, [2, 1], 9, CPU)!;
        Assert.Equal(expected, layout.Index[0].data<long>().ToArray());
        // A 1-token name: middle = SOT ctx0 ctx1 name ctx2 ctx3 ...; front = SOT name ctx0..ctx3 ...
        long[] second = position == ClassTokenPosition.Middle ? [0, 1, 2, 5, 3, 4, 6, 7, 8] : [0, 5, 1, 2, 3, 4, 6, 7, 8];
        Assert.Equal(second, layout.Index[1].data<long>().ToArray());
        Assert.Null(ClassTokenLayout.Create(ClassTokenPosition.End, 4, [2, 1], 9, CPU));
    }

    [Theory]
    [InlineData(ClassTokenPosition.Middle, false)]
    [InlineData(ClassTokenPosition.Front, false)]
    [InlineData(ClassTokenPosition.Middle, true)]
    [InlineData(ClassTokenPosition.End, true)]
    public void ClassFeaturesMatchUpstreamsPerClassConstruction(ClassTokenPosition position, bool classSpecific)
    {
        using var scope = NewDisposeScope();
        const int n = 5;
        var classes = TinyClipFixture.Classes;
        var options = new CoOpOptions { ContextInit = "", PromptLength = n, ClassSpecific = classSpecific, ClassTokenPosition = position };
        using var learner = options.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, classes);
        var ctx = learner.StateDict()["prompt_learner.ctx"];
        Assert.Equal(classSpecific ? [classes.Count, n, 64L] : [n, 64L], ctx.shape);

        // Upstream: tokenize "X X X X X {name}.", embed, split into prefix / suffix, and per class
        // cat(prefix, ctx[:h], suffix[:name_len], ctx[h:], suffix[name_len:]) with h = n/2 (middle) or 0 (front).
        var rows = new List<Tensor>();
        var eots = new List<long>();
        for (int c = 0; c < classes.Count; c++)
        {
            string name = classes[c].Replace('_', ' ');
            var ids = CaseLearners.Tokenizer.Tokenize($"X X X X X {name}.", 77).Select(i => (long)i).ToArray();
            eots.Add(Array.IndexOf(ids, ids.Max()));
            var emb = fixture.Clip.EmbedTokens(tensor(ids, [1, 77]))[0];
            int nameLen = CaseLearners.Tokenizer.Encode(name).Count;
            var ctxC = classSpecific ? ctx[c] : ctx;
            var prefix = emb[..1];
            var suffix = emb[(1 + n)..];
            int h = position switch { ClassTokenPosition.Middle => n / 2, ClassTokenPosition.Front => 0, _ => n };
            rows.Add(position == ClassTokenPosition.End
                ? cat([prefix, ctxC, suffix], 0)
                : cat([prefix, ctxC[..h], suffix[..nameLen], ctxC[h..], suffix[nameLen..]], 0));
        }
        using var _ = no_grad();
        var reference = fixture.Clip.EncodeText(stack(rows), tensor(eots.ToArray()));
        reference = reference / reference.norm(-1, keepdim: true);
        TensorAssert.Close(learner.EncodeClassTexts(), reference, 1e-5, $"{position} csc={classSpecific}");
    }

    [Fact]
    public void ClassSpecificContextsServeOnlyTheirClassCount()
    {
        var options = new CoOpOptions { ContextInit = "", PromptLength = 3, ClassSpecific = true };
        using var learner = options.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        Assert.Equal(5 * 3 * 64, learner.TrainableParameterCount);
        learner.SetClassNames(["a", "b", "c", "d", "e"]);   // same count: allowed
        var e = Assert.Throws<InvalidOperationException>(() => learner.SetClassNames(TinyClipFixture.OtherClasses));
        Assert.Contains("ClassSpecific", e.Message);
    }

    [Fact]
    public void InitTextDecidesTheContextAndOverridesClassSpecific()
    {
        // Upstream: with CTX_INIT, n_ctx = len(ctx_init.split(" ")) and the context is generic whatever CSC says.
        var options = new CoOpOptions { ContextInit = "a_photo_of_a", PromptLength = 16, ClassSpecific = true };
        Assert.Equal(4, options.EffectivePromptLength);
        Assert.Equal("a photo of a", options.ClassPromptPrefix);
        using var learner = options.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        var ctx = learner.StateDict()["prompt_learner.ctx"];
        Assert.Equal([4L, 64L], ctx.shape);
        // The context starts as the embeddings of "a photo of a" (ids 320 1125 539 320, reference §7).
        var words = fixture.Clip.EmbedTokens(tensor(new long[] { 320, 1125, 539, 320 }, [1, 4]))[0];
        TensorAssert.Close(ctx, words, 0, "initial context");
        Assert.Equal(3, new CoOpOptions { ContextInit = "a  photo" }.EffectivePromptLength);   // Python's split(" ")
    }

    [Fact]
    public void APromptFileWithAnotherPromptLengthIsRefusedNamingTheShapes()
    {
        using var dir = new TempDir();
        using var sixteen = new CoOpOptions { ContextInit = "", PromptLength = 16 }.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        PromptStateFile.Save(sixteen, dir.File("p.safetensors"));
        using var four = new CoOpOptions().CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        var e = Assert.Throws<PromptStateException>(() => PromptStateFile.Load(four, dir.File("p.safetensors")));
        Assert.Contains("prompt_learner.ctx: expected [4, 64], got [16, 64]", e.Message);
    }
}
