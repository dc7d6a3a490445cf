using System.CommandLine;
using System.Globalization;
using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.Official;
using static TorchSharp.torch;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple info FILE</c>: describes CLIP weights, a prompt file or an official trainer's checkpoint.</summary>
public static class InfoCommand
{
    private const int WeightsShown = 12;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "CLIP weights (.safetensors, OpenAI's .pt, a torch.save state dict), a prompt file, or an official checkpoint (model.pth.tar-N)" };
        var command = new Command("info", "Describe a weights file, prompt file or official checkpoint: shapes, dtypes, method, epoch") { file };
        command.SetAction(parse => Run(context, parse.GetValue(file)!));
        return command;
    }

    private static int Run(CliContext context, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file: '{path}'.", path);
        if (PyTorchFile.IsPyTorchFile(path))
        {
            if (DasslCheckpoint.TryDescribe(path) is { } checkpoint) DescribeCheckpoint(context.Out, checkpoint);
            else DescribePyTorchWeights(context.Out, path);
            return ExitCodes.Ok;
        }
        using var st = SafeTensorsFile.Open(path);
        var o = context.Out;
        bool isPrompt = st.Metadata.ContainsKey(PromptStateFile.MethodKey)
                        || st.Names.Any(n => n.StartsWith("prompt_learner.", StringComparison.Ordinal) || n.Contains("VPT", StringComparison.Ordinal));
        o.WriteLine($"file: {path}");
        if (isPrompt)
        {
            var d = PromptStateFile.Describe(path);
            using (TorchSharp.torch.NewDisposeScope())
                FiniteValues.Require(path, st.ReadAll());
            o.WriteLine("kind: prompt file");
            o.WriteLine($"method: {d.Method ?? "(not recorded: an upstream export?)"}");
            // As recorded: re-serializing would compute derived texts from options not yet checked against a backbone.
            if (d.Options is not null) o.WriteLine($"options: {st.Metadata[PromptStateFile.OptionsKey]}");
            if (d.BackboneFingerprint is not null) o.WriteLine($"backbone: {d.BackboneFingerprint}");
            if (d.ClassNames is not null) o.WriteLine($"classes ({d.ClassNames.Count}): {string.Join(", ", d.ClassNames)}");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trainable parameters: {d.ParameterCount:N0}"));
            Tensors(o, st.Tensors.Select(t => (t.Name, t.DType.ToString(), t.ShapeText)).ToList(), int.MaxValue);
        }
        else
        {
            o.WriteLine($"kind: CLIP weights ({ClipKeyMap.Detect(st.Names)} names, {string.Join("/", st.Tensors.Select(t => t.DType).Distinct())})");
            Backbone(o, path, st.Tensors.Sum(t => t.ElementCount));
            Tensors(o, st.Tensors.Select(t => (t.Name, t.DType.ToString(), t.ShapeText)).ToList(), WeightsShown);
        }
        return ExitCodes.Ok;
    }

    private static void DescribePyTorchWeights(TextWriter o, string path)
    {
        var tensors = PyTorchFile.Describe(path);
        o.WriteLine($"file: {path}");
        o.WriteLine($"kind: CLIP weights ({ClipKeyMap.Detect(tensors.Select(t => t.Name))} names, {DTypes(tensors)}; PyTorch {Format(PyTorchFile.FormatOf(path))})");
        // OpenAI's archives add int64 scalars (input_resolution, context_length, vocab_size): not weights.
        Backbone(o, path, tensors.Where(t => t.DType is not (ScalarType.Int64 or ScalarType.Int32)).Sum(t => t.ElementCount));
        Tensors(o, tensors.Select(t => (t.Name, t.DType.ToString(), t.ShapeText)).ToList(), WeightsShown);
    }

    private static void DescribeCheckpoint(TextWriter o, DasslCheckpointInfo info)
    {
        string? method = OfficialCheckpoint.InferMethod(info.StateDict.Select(t => t.Name));
        o.WriteLine($"file: {info.FilePath}");
        o.WriteLine($"kind: official training checkpoint (Dassl, PyTorch {Format(info.Format)}): {string.Join(", ", info.TopLevelKeys)}");
        o.WriteLine(method is null ? "method: unknown (its keys fit no official method)" : $"method: {method} (from its keys; folder {OfficialCheckpoint.ModelName(method)})");
        if (method is not null)
        {
            var shapes = info.StateDict.ToDictionary(t => t.Name, t => t.Shape, StringComparer.Ordinal);
            o.WriteLine($"options: {PromptMethodRegistry.Serialize(OfficialCheckpoint.InferOptions(method, shapes, PromptSource.DefaultContextInit))} " +
                        "(from its shapes; the init phrase is not stored: --ctx-init)");
        }
        o.WriteLine($"epoch: {info.Epoch?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
        if (info.Optimizer is not null) o.WriteLine($"optimizer: {DasslCheckpoint.Summary(info.Optimizer)}");
        if (info.SchedulerLastEpoch is not null) o.WriteLine($"scheduler: last epoch {info.SchedulerLastEpoch}");
        var prompts = method is null ? [] : info.StateDict.Where(t => OfficialCheckpoint.IsPromptKey(method, t.Name)).ToList();
        int dropped = info.StateDict.Count(t => t.Name.EndsWith("token_prefix", StringComparison.Ordinal) || t.Name.EndsWith("token_suffix", StringComparison.Ordinal));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"state_dict: {info.StateDict.Count} tensors ({DTypes(info.StateDict)}); {prompts.Count} prompt tensors ({prompts.Sum(t => t.ElementCount):N0} parameters), " +
            $"{dropped} token_prefix/suffix (rebuilt from the class names), {info.StateDict.Count - prompts.Count - dropped} frozen CLIP"));
        Tensors(o, prompts.Select(t => (t.Name, t.DType.ToString(), t.ShapeText)).ToList(), int.MaxValue, "prompt tensors");
    }

    private static void Backbone(TextWriter o, string path, long parameters)
    {
        using (var clip = ClipBackbone.Load(path))
        {
            var c = clip.Config;
            o.WriteLine($"vision: width {c.Vision.Width}, {c.Vision.Layers} layers, {c.Vision.Heads} heads, patch {c.Vision.PatchSize}, {c.Vision.ImageSize}px");
            o.WriteLine($"text: width {c.Text.Width}, {c.Text.Layers} layers, {c.Text.Heads} heads, context {c.Text.ContextLength}, vocabulary {c.Text.VocabularySize}");
            o.WriteLine($"embedding: {c.EmbedDim}; logit scale {clip.LogitScale.ToString("F4", CultureInfo.InvariantCulture)}; fingerprint {clip.Fingerprint}");
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parameters: {parameters:N0}"));
    }

    private static void Tensors(TextWriter o, List<(string Name, string DType, string Shape)> tensors, int shown, string title = "tensors")
    {
        o.WriteLine($"{title} ({tensors.Count}):");
        foreach (var (name, dtype, shape) in tensors.Take(shown))
            o.WriteLine($"  {name}  {dtype}  {shape}");
        if (tensors.Count > shown) o.WriteLine($"  ... {tensors.Count - shown} more");
    }

    private static string DTypes(IEnumerable<PyTorchTensorInfo> tensors) =>
        string.Join(", ", tensors.GroupBy(t => t.DType).Select(g => $"{g.Key} {g.Count()}"));

    private static string Format(PyTorchFileFormat format) => format switch
    {
        PyTorchFileFormat.TorchScript => "TorchScript archive",
        PyTorchFileFormat.Legacy => "legacy torch.save stream",
        _ => "torch.save zip archive",
    };
}
