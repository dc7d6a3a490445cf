using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Tests.Evaluation;

/// <summary>A learner that counts how often class texts are encoded (wraps a real one).</summary>
public sealed class CountingLearner(IPromptLearner inner) : IPromptLearner
{
    private int _textEncodings;

    /// <summary>Calls of <see cref="EncodeClassTexts"/> so far.</summary>
    public int TextEncodings => Volatile.Read(ref _textEncodings);

    public string Method => inner.Method;
    public IClipBackbone Backbone => inner.Backbone;
    public IReadOnlyList<string> ClassNames => inner.ClassNames;
    public bool TextDependsOnImage => inner.TextDependsOnImage;
    public IReadOnlyList<Parameter> TrainableParameters => inner.TrainableParameters;
    public long TrainableParameterCount => inner.TrainableParameterCount;
    public PromptMethodOptions Options => inner.Options;
    public void SetClassNames(IReadOnlyList<string> classNames) => inner.SetClassNames(classNames);
    public Tensor EncodeImages(Tensor images) => inner.EncodeImages(images);

    public Tensor EncodeClassTexts(Tensor? imageFeatures = null)
    {
        Interlocked.Increment(ref _textEncodings);
        return inner.EncodeClassTexts(imageFeatures);
    }

    public IReadOnlyDictionary<string, Tensor> StateDict() => inner.StateDict();
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source = "state dict") => inner.LoadStateDict(state, source);
    public void SetTraining(bool training) => inner.SetTraining(training);
    public void Dispose() => inner.Dispose();
}

/// <summary>MaPLe options whose learner is wrapped in a <see cref="CountingLearner"/>.</summary>
public sealed record CountingMaPLeOptions : PromptMethodOptions
{
    /// <summary>The wrapped MaPLe options.</summary>
    public MaPLeOptions Inner { get; init; } = new() { PromptDepth = 3 };

    /// <summary>The last learner created.</summary>
    public CountingLearner? Created { get; private set; }

    public override string Method => Inner.Method;
    public override IEnumerable<string> Validate(ClipConfig config) => Inner.Validate(config);
    public override IEnumerable<string> ClassPromptTexts(string className) => Inner.ClassPromptTexts(className);

    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        Created = new CountingLearner(Inner.CreateLearner(backbone, tokenizer, classNames));
}
