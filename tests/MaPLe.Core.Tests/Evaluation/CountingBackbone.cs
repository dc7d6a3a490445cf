using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Tests.Evaluation;

/// <summary>A backbone that counts how often the text tower runs (wraps a real one; disposing it leaves the inner one alone).</summary>
public sealed class CountingBackbone(IClipBackbone inner) : IClipBackbone
{
    private int _textEncodings;

    /// <summary>Calls of <see cref="EncodeText"/> so far.</summary>
    public int TextEncodings => Volatile.Read(ref _textEncodings);

    public ClipConfig Config => inner.Config;
    public Device Device => inner.Device;
    public ScalarType ComputeDType => inner.ComputeDType;
    public double LogitScale => inner.LogitScale;
    public string Fingerprint => inner.Fingerprint;
    public Tensor EmbedTokens(Tensor tokenIds) => inner.EmbedTokens(tokenIds);
    public Tensor EncodeImage(Tensor images, VisionPrompts? prompts = null) => inner.EncodeImage(images, prompts);

    public Tensor EncodeText(Tensor tokenEmbeddings, Tensor eotIndices, TextPrompts? prompts = null)
    {
        Interlocked.Increment(ref _textEncodings);
        return inner.EncodeText(tokenEmbeddings, eotIndices, prompts);
    }

    public void Dispose()
    {
    }
}

/// <summary>MaPLe options whose learner runs on a <see cref="CountingBackbone"/>.</summary>
public sealed record CountingMaPLeOptions : PromptMethodOptions
{
    /// <summary>The wrapped MaPLe options.</summary>
    public MaPLeOptions Inner { get; init; } = new() { PromptDepth = 3 };

    /// <summary>The backbone wrapper of the last learner created.</summary>
    public CountingBackbone? Backbone { get; private set; }

    public override string Method => Inner.Method;
    public override IEnumerable<string> Validate(ClipConfig config) => Inner.Validate(config);
    public override IEnumerable<string> ClassPromptTexts(string className) => Inner.ClassPromptTexts(className);

    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        Inner.CreateLearner(Backbone = new CountingBackbone(backbone), tokenizer, classNames);
}
