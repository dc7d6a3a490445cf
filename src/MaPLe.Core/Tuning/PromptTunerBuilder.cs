using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Tuning;

/// <summary>
/// The fluent entry point: choose a backbone, a tokenizer, a method and the classes, then <see cref="Build"/> validates
/// everything at once and returns a <see cref="PromptTuner"/>. Methods plug in through <c>UseXxx</c> extension methods
/// that call <see cref="UseMethod"/>.
/// </summary>
public sealed class PromptTunerBuilder
{
    private Func<ClipBackboneOptions, IClipBackbone>? _backboneFactory;
    private bool _ownsBackbone;
    private Func<IClipTokenizer>? _tokenizerFactory;
    private PromptMethodOptions? _method;
    private List<string>? _classNames;
    private Device _device = CPU;
    private ScalarType _computeDType = ScalarType.Float32;
    private LinearKernel _linearKernel = LinearKernel.Auto;
    private long? _seed;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private string _backboneDescription = "(none)";

    /// <summary>Loads the frozen CLIP from a safetensors file (OpenAI or Hugging Face names) when building; the tuner owns it.</summary>
    public PromptTunerBuilder UseBackbone(string weightsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(weightsPath);
        _backboneFactory = o => ClipBackbone.Load(weightsPath, o);
        _ownsBackbone = true;
        _backboneDescription = weightsPath;
        return this;
    }

    /// <summary>Uses an existing backbone; the tuner disposes it only when <paramref name="ownsBackbone"/> is true.</summary>
    public PromptTunerBuilder UseBackbone(IClipBackbone backbone, bool ownsBackbone = false)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        _backboneFactory = _ => backbone;
        _ownsBackbone = ownsBackbone;
        _backboneDescription = $"backbone {backbone.Fingerprint}";
        return this;
    }

    /// <summary>Uses an existing tokenizer.</summary>
    public PromptTunerBuilder UseTokenizer(IClipTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizerFactory = () => tokenizer;
        return this;
    }

    /// <summary>Loads CLIP's BPE vocabulary (<c>bpe_simple_vocab_16e6.txt.gz</c> or a file in the same format).</summary>
    public PromptTunerBuilder UseTokenizer(string bpeVocabularyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(bpeVocabularyPath);
        _tokenizerFactory = () => ClipTokenizer.FromBpeFile(bpeVocabularyPath);
        return this;
    }

    /// <summary>Selects the prompt-learning method by its options (the <c>UseXxx</c> extensions call this).</summary>
    public PromptTunerBuilder UseMethod(PromptMethodOptions options)
    {
        _method = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>The classes to tell apart, in label order (names as in prompts; "_" becomes a space).</summary>
    public PromptTunerBuilder UseClassNames(IEnumerable<string> classNames)
    {
        _classNames = classNames?.ToList() ?? throw new ArgumentNullException(nameof(classNames));
        return this;
    }

    /// <summary>The device (default CPU; CUDA needs a TorchSharp CUDA runtime package in the application).</summary>
    public PromptTunerBuilder UseDevice(Device device)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        return this;
    }

    /// <summary>Compute dtype of the frozen CLIP: Float32 (default) or BFloat16 (prompts stay Float32).</summary>
    public PromptTunerBuilder UseComputeDType(ScalarType dtype)
    {
        _computeDType = dtype;
        return this;
    }

    /// <summary>
    /// Which libtorch kernel computes float32 linear layers on the CPU (default <see cref="LinearKernel.Auto"/>: oneDNN on
    /// non-Intel CPUs, where MKL is slower). Applies to backbones the builder loads, not to an <see cref="IClipBackbone"/>
    /// passed in (set <see cref="ClipBackboneOptions.LinearKernel"/> when loading it).
    /// </summary>
    public PromptTunerBuilder UseLinearKernel(LinearKernel kernel)
    {
        _linearKernel = kernel;
        return this;
    }

    /// <summary>Seeds prompt initialisation (and, through the trainer, data order). Torch's RNG is process-global.</summary>
    public PromptTunerBuilder UseSeed(long seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Logging (default: none).</summary>
    public PromptTunerBuilder UseLogger(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>
    /// Validates every option and builds the tuner.
    /// </summary>
    /// <exception cref="PromptTunerConfigurationException">Lists every problem, each naming the option to fix.</exception>
    public PromptTuner Build()
    {
        var problems = new List<string>();
        if (_backboneFactory is null) problems.Add("No backbone: call UseBackbone(weightsPath) or UseBackbone(IClipBackbone).");
        if (_tokenizerFactory is null) problems.Add("No tokenizer: call UseTokenizer(bpeVocabularyPath) or UseTokenizer(IClipTokenizer).");
        if (_method is null) problems.Add(NoMethodProblem());
        if (_classNames is null || _classNames.Count == 0) problems.Add("No classes: call UseClassNames with at least one name.");
        else problems.AddRange(PromptText.ClassNameProblems(_classNames).Select(p => $"UseClassNames: {p}"));
        problems.AddRange(BackboneOptions.SettingProblems().Select(p => $"{(p.Option == nameof(ClipBackboneOptions.ComputeDType) ? nameof(UseComputeDType) : nameof(UseLinearKernel))}: {p.Problem}"));
        if (problems.Count > 0)
            throw new PromptTunerConfigurationException(problems);

        var backbone = _backboneFactory!(BackboneOptions);
        try
        {
            var tokenizer = _tokenizerFactory!();
            problems.AddRange(_method!.Validate(backbone.Config).Select(p => $"Method '{_method.Method}' ({_method.GetType().Name}): {p}"));
            if (tokenizer.VocabularySize > backbone.Config.Text.VocabularySize)
                problems.Add($"UseTokenizer: the tokenizer has {tokenizer.VocabularySize} tokens but the backbone's embedding has {backbone.Config.Text.VocabularySize} rows; " +
                             "load the vocabulary that ships with these weights (or limit its merges to vocabulary − 514).");
            problems.AddRange(CheckPromptLengths(tokenizer, backbone.Config.Text.ContextLength));
            if (problems.Count > 0)
                throw new PromptTunerConfigurationException(problems);
            if (_seed is { } seed)
                manual_seed(seed);
            var learner = _method.CreateLearner(backbone, tokenizer, _classNames!);
            ComputePrecisionAdvice.Log(_loggerFactory.CreateLogger<PromptTuner>(), backbone);
            return new PromptTuner(backbone, _ownsBackbone, tokenizer, learner, _seed, _loggerFactory);
        }
        catch
        {
            if (_ownsBackbone) backbone.Dispose();
            throw;
        }
    }

    private ClipBackboneOptions BackboneOptions => new() { Device = _device, ComputeDType = _computeDType, LinearKernel = _linearKernel };

    private static string NoMethodProblem()
    {
        var calls = PromptMethods.All.Select(d => d.BuilderMethod).OfType<string>().ToList();
        return calls.Count == 0
            ? "No method: call UseMethod(options)."
            : $"No method: call {string.Join(", ", calls.SkipLast(1))}{(calls.Count > 1 ? " or " : "")}{calls[^1]} (or UseMethod(options)).";
    }

    // Upstream fails deep inside clip.tokenize; we name the classes whose prompt cannot fit.
    private IEnumerable<string> CheckPromptLengths(IClipTokenizer tokenizer, int contextLength)
    {
        foreach (var name in _classNames!)
            foreach (var text in _method!.ClassPromptTexts(name))
            {
                // Every word is at least one token: a text with more words than the context (e.g. the placeholders of an
                // absurd context length read from a file) is refused without tokenizing it, which could take minutes.
                int words = CountWords(text);
                bool surelyTooLong = words + 2 > contextLength;
                int tokens = surelyTooLong ? words + 2 : tokenizer.Encode(text).Count + 2;
                if (tokens > contextLength)
                    yield return $"UseClassNames: the prompt \"{(text.Length <= 80 ? text : text[..77] + "...")}\" for class '{name}' needs {(surelyTooLong ? "at least " : "")}{tokens} tokens but the backbone's context length is {contextLength}; shorten the class name or the context.";
            }
    }

    private static int CountWords(string text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
