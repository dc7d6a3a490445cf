using System.Security.Cryptography;
using System.Text;
using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip;

/// <summary>
/// The frozen CLIP of this library: loads OpenAI- or Hugging Face-named safetensors, infers the architecture from the
/// weights, and exposes both towers with the prompt seam. Every weight has <c>requires_grad = false</c>; gradients still
/// flow to prompt tensors passed in.
/// </summary>
public sealed class ClipBackbone : IClipBackbone
{
    private readonly ClipModel _model;
    private bool _disposed;

    private ClipBackbone(ClipModel model, ClipBackboneOptions options, string fingerprint)
    {
        _model = model;
        Device = options.Device;
        ComputeDType = options.ComputeDType;
        Fingerprint = fingerprint;
        LogitScale = Math.Exp(model.logit_scale.to(ScalarType.Float64).item<double>());
    }

    /// <inheritdoc />
    public ClipConfig Config => _model.Config;

    /// <inheritdoc />
    public Device Device { get; }

    /// <inheritdoc />
    public ScalarType ComputeDType { get; }

    /// <inheritdoc />
    public double LogitScale { get; }

    /// <inheritdoc />
    public string Fingerprint { get; }

    /// <summary>The underlying module (for advanced use: inspection, pretraining with unfrozen weights).</summary>
    public ClipModel Model => _model;

    /// <summary>
    /// Loads weights from a safetensors file or a PyTorch file — OpenAI's TorchScript archive (<c>ViT-B-16.pt</c>), a
    /// <c>torch.save</c> state dict (zip or legacy) — with OpenAI or Hugging Face names and any float dtype. The format is
    /// read from the file's first bytes, not its extension.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    /// <exception cref="PyTorchFormatException">The PyTorch file is malformed or refused (the message says why).</exception>
    /// <exception cref="ClipWeightsException">The tensors do not form a CLIP (lists missing/unexpected/mis-shaped keys).</exception>
    /// <exception cref="Runtime.TorchRuntimeException">libtorch cannot be loaded, or the options ask for CUDA and it is not available.</exception>
    public static ClipBackbone Load(string path, ClipBackboneOptions? options = null)
    {
        Runtime.TorchRuntime.EnsureLoaded();
        options ??= ClipBackboneOptions.Default;
        options.Validate();
        if (options.Device.type == DeviceType.CUDA) Runtime.TorchRuntime.EnsureLoaded(DeviceType.CUDA);
        if (PyTorchFile.IsPyTorchFile(path))
            return FromStateDict(RequireFinite(path, PyTorchFile.LoadStateDict(path), problem => new PyTorchFormatException(path, problem)), path, options);
        using var file = SafeTensorsFile.Open(path);
        return FromStateDict(RequireFinite(path, file.ReadAll()), path, options, file.Metadata);
    }

    // NaN or Inf weights would only show up as NaN scores: refuse them at load, naming the key.
    private static Dictionary<string, Tensor> RequireFinite(string path, Dictionary<string, Tensor> state, Func<string, MalformedFileException>? refuse = null)
    {
        try
        {
            FiniteValues.Require(path, state, refuse);
            return state;
        }
        catch
        {
            foreach (var t in state.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Builds a backbone from a state dict (OpenAI or HF names). The dictionary's tensors are consumed (disposed).
    /// </summary>
    public static ClipBackbone FromStateDict(Dictionary<string, Tensor> state, string source, ClipBackboneOptions? options = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        options ??= ClipBackboneOptions.Default;
        options.Validate();
        var openAi = ClipKeyMap.ToOpenAi(state, out var unexpectedHf);
        try
        {
            var config = ClipConfigInference.Infer(openAi.ToDictionary(kv => kv.Key, kv => kv.Value.shape), source, metadata);
            var model = new ClipModel(config);
            try
            {
                CopyWeights(model, openAi, unexpectedHf, source);
                return Finish(model, options);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (var t in openAi.Values) t.Dispose();
        }
    }

    /// <summary>A backbone with OpenAI's random initialisation (tests and benchmarks; no file needed).</summary>
    public static ClipBackbone CreateRandom(ClipConfig config, long seed = 0, ClipBackboneOptions? options = null)
    {
        options ??= ClipBackboneOptions.Default;
        options.Validate();
        var model = new ClipModel(config);
        using var generator = new TorchSharp.torch.Generator((ulong)seed);
        model.InitializeLikeOpenAI(generator);
        return Finish(model, options);
    }

    private static void CopyWeights(ClipModel model, Dictionary<string, Tensor> openAi, List<string> unexpectedHf, string source)
    {
        var target = model.state_dict();
        var missing = new List<string>();
        var wrong = new List<string>();
        foreach (var (moduleKey, param) in target)
        {
            string key = ClipKeyMap.ModuleToOpenAi(moduleKey);
            if (!openAi.TryGetValue(key, out var value))
                missing.Add(key);
            else if (!value.shape.SequenceEqual(param.shape))
                wrong.Add($"{key}: expected [{string.Join(", ", param.shape)}], got [{string.Join(", ", value.shape)}]");
        }
        var known = target.Keys.Select(ClipKeyMap.ModuleToOpenAi).ToHashSet(StringComparer.Ordinal);
        var unexpected = unexpectedHf.Concat(openAi.Keys.Where(k => !known.Contains(k))).ToList();
        if (missing.Count > 0 || unexpected.Count > 0 || wrong.Count > 0)
            throw new ClipWeightsException(source, missing, unexpected, wrong);

        using var _ = no_grad();
        foreach (var (moduleKey, param) in target)
            param.copy_(openAi[ClipKeyMap.ModuleToOpenAi(moduleKey)]);
    }

    private static ClipBackbone Finish(ClipModel model, ClipBackboneOptions options)
    {
        string fingerprint = ComputeFingerprint(model);
        if (options.ComputeDType != ScalarType.Float32)
        {
            model.to(options.ComputeDType);
            foreach (var ln in model.modules().OfType<ClipLayerNorm>())
                ln.to(ScalarType.Float32);
        }
        model.to(options.Device);
        bool oneDnn = LinearKernelChoice.UseOneDnn(options.LinearKernel, options.Device, options.ComputeDType);
        foreach (var block in model.modules().OfType<ResidualAttentionBlock>())
            block.OneDnn = oneDnn;
        foreach (var p in model.parameters())
            p.requires_grad = false;
        model.eval();
        return new ClipBackbone(model, options, fingerprint);
    }

    // Architecture + a sample of every tensor: cheap, stable across OpenAI/HF files and compute dtypes.
    private static string ComputeFingerprint(ClipModel model)
    {
        using var scope = NewDisposeScope();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(model.Config.ToString()));
        foreach (var (name, t) in model.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name));
            var sample = t.detach().flatten()[..(int)Math.Min(64, t.numel())].to(ScalarType.Float32).cpu().contiguous();
            sha.AppendData(sample.bytes);
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <inheritdoc />
    public Tensor EmbedTokens(Tensor tokenIds)
    {
        ThrowIfDisposed();
        using var scope = NewDisposeScope();
        return _model.text.Embed(tokenIds.to(Device)).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor EncodeText(Tensor tokenEmbeddings, Tensor eotIndices, TextPrompts? prompts = null)
    {
        ThrowIfDisposed();
        using var scope = NewDisposeScope();
        return _model.text.Forward(tokenEmbeddings.to(Device), eotIndices.to(Device), prompts?.Deep)
            .to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor EncodeImage(Tensor images, VisionPrompts? prompts = null)
    {
        ThrowIfDisposed();
        using var scope = NewDisposeScope();
        return _model.visual.Forward(images.to(Device), prompts).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _model.Dispose();
    }
}
