using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// The shared suite every prompt method passes (one row per method in <see cref="PromptMethodRows"/>), on the tiny CLIP:
/// shapes, trainable parameters, prompt files, state-dict errors and class switching.
/// </summary>
public sealed class PromptLearnerConformanceTests(TinyClipFixture fixture) : IClassFixture<TinyClipFixture>
{
    private IPromptLearner Create(string row, IReadOnlyList<string>? classes = null) =>
        PromptMethodRows.Options(row).CreateLearner(fixture.Clip, CaseLearners.Tokenizer, classes ?? TinyClipFixture.Classes);

    [Theory]
    [MemberData(nameof(PromptMethodRows.All), MemberType = typeof(PromptMethodRows))]
    public void ForwardGivesLogitsAndUnitFeaturesOfTheRightShapes(string row)
    {
        using var scope = NewDisposeScope();
        using var learner = Create(row);
        var output = learner.Forward(TinyClipFixture.Images(3));

        Assert.Equal([3L, 5L], output.Logits.shape);
        Assert.Equal([3L, 64L], output.ImageFeatures.shape);
        Assert.Equal(learner.TextDependsOnImage ? [3L, 5L, 64L] : [5L, 64L], output.TextFeatures.shape);
        TensorAssert.Close(output.ImageFeatures.norm(-1), ones(3), 1e-5, $"{row} image feature norms");
        TensorAssert.Close(output.TextFeatures.norm(-1), ones(output.TextFeatures.shape[..^1]), 1e-5, $"{row} text feature norms");
        // Logits are the logit scale times a cosine.
        Assert.True(output.Logits.abs().max().item<float>() <= fixture.Clip.LogitScale + 1e-3);
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.All), MemberType = typeof(PromptMethodRows))]
    public void OnlyThePromptsAreTrainableAndEachGetsAGradient(string row)
    {
        using var scope = NewDisposeScope();
        using var learner = Create(row);

        Assert.DoesNotContain(fixture.Clip.Model.parameters(), p => p.requires_grad);
        Assert.All(learner.TrainableParameters, p => Assert.True(p.requires_grad));
        Assert.Equal(learner.TrainableParameters.Count, learner.StateDict().Count);
        Assert.Equal(learner.TrainableParameterCount, learner.StateDict().Values.Sum(t => t.numel()));
        if (learner is nn.Module module)   // nothing learnable hides outside the official names
            Assert.Equal(learner.TrainableParameterCount, module.parameters().Sum(p => p.numel()));
        if (learner.TrainableParameterCount == 0)
            return;

        learner.SetTraining(true);
        learner.Loss(TinyClipFixture.Images(2), tensor(new long[] { 1, 3 })).backward();
        double total = 0;
        foreach (var (name, p) in learner.StateDict())
        {
            Assert.True(p.grad is not null, $"{row}: {name} got no gradient");
            total += p.grad!.norm().item<float>();
        }
        Assert.True(total > 0, $"{row}: all gradients are zero");
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.All), MemberType = typeof(PromptMethodRows))]
    public void PromptsSurviveAPromptFileWithTheirMethodOptionsAndClasses(string row)
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        using var saved = Create(row);
        using (no_grad())
            foreach (var p in saved.TrainableParameters)
                p.add_(randn_like(p) * 0.1);   // away from any fresh initialisation
        string path = dir.File("prompts.safetensors");
        PromptStateFile.Save(saved, path);

        var description = PromptStateFile.Describe(path);
        Assert.Equal(saved.Method, description.Method);
        Assert.Equal(saved.Options, description.Options);
        Assert.Equal(saved.ClassNames, description.ClassNames);
        Assert.Equal(saved.TrainableParameterCount, description.ParameterCount);

        using var loaded = Create(row, TinyClipFixture.OtherClasses);
        PromptStateFile.Load(loaded, path);
        var expected = saved.StateDict();
        var actual = loaded.StateDict();
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var key in expected.Keys)
            TensorAssert.Close(actual[key], expected[key], 0, $"{row} {key}");
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.Learned), MemberType = typeof(PromptMethodRows))]
    public void AFileOfAnotherMethodIsRefusedNamingBothMethods(string row)
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        using var saved = Create(row);
        string path = dir.File("prompts.safetensors");
        PromptStateFile.Save(saved, path);
        using var other = Create(saved.Method == "coop" ? "vpt" : "coop");

        var e = Assert.Throws<PromptStateException>(() => PromptStateFile.Load(other, path));
        Assert.Contains(saved.Method, e.Message);
        Assert.Contains(other.Method, e.Message);
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.All), MemberType = typeof(PromptMethodRows))]
    public void AStateOfOtherShapesIsRefusedNamingEveryKeyAndChangingNothing(string row)
    {
        using var scope = NewDisposeScope();
        using var learner = Create(row);
        var before = learner.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        var state = before.ToDictionary(kv => kv.Key, kv => zeros([kv.Value.shape[0] + 1, .. kv.Value.shape[1..]]));
        state["prompt_learner.not_a_prompt"] = zeros(2);

        var e = Assert.Throws<PromptStateException>(() => learner.LoadStateDict(state, "state under test"));
        Assert.Contains("state under test", e.Message);
        Assert.Contains("prompt_learner.not_a_prompt", e.Message);
        foreach (var key in before.Keys)
        {
            Assert.Contains(key, e.Message);
            TensorAssert.Close(learner.StateDict()[key], before[key], 0, $"{row} {key} after a refused load");
        }
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.All), MemberType = typeof(PromptMethodRows))]
    public void SwitchingClassesKeepsThePromptsAndReshapesTheLogits(string row)
    {
        using var scope = NewDisposeScope();
        using var learner = Create(row);
        var prompts = learner.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        var images = TinyClipFixture.Images(2);
        using var _ = no_grad();
        var first = learner.Forward(images).Logits;

        learner.SetClassNames(TinyClipFixture.OtherClasses);
        Assert.Equal(TinyClipFixture.OtherClasses, learner.ClassNames);
        Assert.Equal([2L, 3L], learner.Forward(images).Logits.shape);
        foreach (var (key, value) in prompts)
            TensorAssert.Close(learner.StateDict()[key], value, 0, $"{row} {key} after switching classes");

        // Back to the first classes: the same logits, so nothing of the other class set lingers (e.g. in caches).
        learner.SetClassNames(TinyClipFixture.Classes);
        TensorAssert.Close(learner.Forward(images).Logits, first, 1e-5, $"{row} logits after switching back");
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.OnePerMethod), MemberType = typeof(PromptMethodRows))]
    public void ClassNamesThatGiveTheSamePromptAreRefused(string row)
    {
        using var learner = Create(row);
        var e = Assert.Throws<ArgumentException>(() => learner.SetClassNames(["a_b", "cat", "a b"]));
        Assert.Contains("'a b' (given as 'a_b', 'a b')", e.Message);
        Assert.Equal(TinyClipFixture.Classes, learner.ClassNames);
    }

    [Fact]
    public void EveryMethodIsRegisteredForPromptFiles() =>
        Assert.Superset(new HashSet<string> { "maple", "ivlp", "language_deep", "vpt", "coop", "cocoop", "zeroshot" },
            PromptMethodRegistry.Methods.ToHashSet());
}
