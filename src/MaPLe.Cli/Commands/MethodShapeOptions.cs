using System.CommandLine;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;

namespace MaPLe.Cli.Commands;

/// <summary>
/// --depth / --n-ctx / --clamp-depth: the prompt depth and prompt length the paper presets fix. A preset depth deeper than
/// the backbone is an error that names the option to pass, unless --clamp-depth asks to clamp it.
/// </summary>
public sealed class MethodShapeOptions
{
    /// <summary>Prompt depth (layers that receive prompts).</summary>
    public Option<int?> Depth { get; } = new("--depth") { Description = "prompt depth: how many transformer layers get prompts (default: the method's paper preset: maple 9, ivlp/language_deep/vpt 12)" };

    /// <summary>Prompt length (learned tokens per layer).</summary>
    public Option<int?> ContextTokens { get; } = new("--n-ctx") { Description = "prompt length: learned context tokens per layer (default: the paper preset: maple 2, ivlp 2, coop/cocoop/language_deep 4, vpt 8; for coop/cocoop it replaces the init text \"a photo of a\" with random context)" };

    /// <summary>Clamp a preset depth to the backbone.</summary>
    public Option<bool> ClampDepth { get; } = new("--clamp-depth") { Description = "clamp a prompt depth deeper than the backbone to its layer count instead of stopping with an error" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Depth);
        command.Options.Add(ContextTokens);
        command.Options.Add(ClampDepth);
    }

    /// <summary>
    /// <paramref name="options"/> with the command line's depth and length; <paramref name="note"/> hears about a clamp.
    /// </summary>
    /// <exception cref="ArgumentException">An option does not apply to the method, or the depth does not fit the backbone.</exception>
    public PromptMethodOptions Apply(ParseResult parse, PromptMethodOptions options, ClipConfig config, TextWriter note)
    {
        int? depth = parse.GetValue(Depth), tokens = parse.GetValue(ContextTokens);
        bool clamp = parse.GetValue(ClampDepth);
        if (tokens is < 1) throw new ArgumentException($"--n-ctx must be at least 1, got {tokens}.");
        if (depth is < 1) throw new ArgumentException($"--depth must be at least 1, got {depth}.");
        int fit(int wanted, int layers, string tower)
        {
            if (wanted <= layers) return wanted;
            string source = depth is null ? $"{options.Method}'s paper preset depth {wanted}" : $"--depth {wanted}";
            if (!clamp)
                throw new ArgumentException($"{source} exceeds the backbone's {layers} {tower} layers: pass --depth {layers} (or lower), or --clamp-depth to clamp it.");
            note.WriteLine($"note: {source} clamped to the backbone's {layers} {tower} layers (--clamp-depth)");
            return layers;
        }
        int textLayers = config.Text.Layers, visionLayers = config.Vision.Layers;
        return options switch
        {
            MaPLeOptions m => m with
            {
                PromptDepth = fit(depth ?? m.PromptDepth, Math.Min(textLayers, visionLayers), "text/vision"),
                PromptLength = tokens ?? m.PromptLength,
            },
            IndependentVLOptions v => v with
            {
                TextDepth = fit(depth ?? v.TextDepth, textLayers, "text"),
                VisionDepth = v.VisionDepth == 0 && depth is null ? 0 : fit(depth ?? v.VisionDepth, visionLayers, "vision"),
                TextPromptLength = tokens ?? v.TextPromptLength,
                VisionPromptLength = tokens ?? v.VisionPromptLength,
            },
            DeepLanguageOptions l => l with
            {
                PromptDepth = fit(depth ?? l.PromptDepth, textLayers, "text"),
                PromptLength = tokens ?? l.PromptLength,
            },
            DeepVisionOptions d => d with
            {
                PromptDepth = fit(depth ?? d.PromptDepth, visionLayers, "vision"),
                PromptLength = tokens ?? d.PromptLength,
            },
            // CoOp's init text fixes its length (upstream: n_ctx = the text's words); a given length means random context.
            CoOpOptions c => NoDepth(c, depth) with { PromptLength = tokens ?? c.PromptLength, ContextInit = tokens is null ? c.ContextInit : "" },
            CoCoOpOptions c => NoDepth(c, depth) with { PromptLength = tokens ?? c.PromptLength, ContextInit = tokens is null ? c.ContextInit : "" },
            _ when depth is not null || tokens is not null => throw new ArgumentException($"--depth and --n-ctx do not apply to {options.Method}."),
            _ => options,
        };
    }

    private static T NoDepth<T>(T options, int? depth) where T : PromptMethodOptions =>
        depth is null ? options : throw new ArgumentException($"--depth does not apply to {options.Method}: it prompts only the text input (use --n-ctx for its length).");
}
