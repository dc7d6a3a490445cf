using System.CommandLine;
using System.Globalization;
using MaPLe.Checkpoints;
using MaPLe.Clip;
using MaPLe.Prompting;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple info FILE</c>: describes CLIP weights or a prompt file.</summary>
public static class InfoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "a CLIP weights file or a prompt file (.safetensors)" };
        var command = new Command("info", "Describe a weights or prompt file: shapes, method, parameter count") { file };
        command.SetAction(parse => Run(context, parse.GetValue(file)!));
        return command;
    }

    private static int Run(CliContext context, string path)
    {
        using var st = SafeTensorsFile.Open(path);
        var o = context.Out;
        bool isPrompt = st.Metadata.ContainsKey(PromptStateFile.MethodKey)
                        || st.Names.Any(n => n.StartsWith("prompt_learner.", StringComparison.Ordinal) || n.Contains("VPT", StringComparison.Ordinal));
        long total = st.Tensors.Sum(t => t.ElementCount);
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
        }
        else
        {
            o.WriteLine($"kind: CLIP weights ({ClipKeyMap.Detect(st.Names)} names, {string.Join("/", st.Tensors.Select(t => t.DType).Distinct())})");
            var shapes = new Dictionary<string, long[]>();
            using (var clip = ClipBackbone.Load(path))
            {
                var c = clip.Config;
                o.WriteLine($"vision: width {c.Vision.Width}, {c.Vision.Layers} layers, {c.Vision.Heads} heads, patch {c.Vision.PatchSize}, {c.Vision.ImageSize}px");
                o.WriteLine($"text: width {c.Text.Width}, {c.Text.Layers} layers, {c.Text.Heads} heads, context {c.Text.ContextLength}, vocabulary {c.Text.VocabularySize}");
                o.WriteLine($"embedding: {c.EmbedDim}; logit scale {clip.LogitScale.ToString("F4", CultureInfo.InvariantCulture)}; fingerprint {clip.Fingerprint}");
            }
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parameters: {total:N0}"));
        }
        o.WriteLine($"tensors ({st.Tensors.Count}):");
        foreach (var t in st.Tensors.Take(isPrompt ? int.MaxValue : 12))
            o.WriteLine($"  {t.Name}  {t.DType}  {t.ShapeText}");
        if (!isPrompt && st.Tensors.Count > 12) o.WriteLine($"  ... {st.Tensors.Count - 12} more");
        return ExitCodes.Ok;
    }
}
