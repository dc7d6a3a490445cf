using System.CommandLine;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Prompting;
using MaPLe.Prompting.Official;
using MaPLe.Tuning;

namespace MaPLe.Cli.Commands;

/// <summary>What a prompt source holds: the options to build the tuner with, and the classes when the file records them.</summary>
/// <param name="Options">The method and options (recorded in a prompt file; inferred from an official checkpoint).</param>
/// <param name="ClassNames">The classes a prompt file was saved with; null for official checkpoints (they name none).</param>
/// <param name="Checkpoint">The official checkpoint's contents; null for a prompt file.</param>
public sealed record ResolvedPrompts(PromptMethodOptions Options, IReadOnlyList<string>? ClassNames, DasslCheckpointInfo? Checkpoint);

/// <summary>
/// --method / --ctx-init for commands that read prompts: a prompt file (method and options from its metadata) or an
/// official trainer's checkpoint (<c>model.pth.tar-N</c>: the method from its keys, the options from its shapes).
/// </summary>
public sealed class PromptSource
{
    /// <summary>The official method, when the keys do not tell it or to override them.</summary>
    public Option<string?> Method { get; } = new("--method", "-m")
    {
        Description = "with an official checkpoint: its method (default: read from its keys; ivlp and language_deep share a folder name and are told apart by the keys)",
    };

    /// <summary>The init phrase an official MaPLe / IVLP / deep-language checkpoint was trained with.</summary>
    public Option<string?> ContextInit { get; } = new("--ctx-init")
    {
        Description = $"with an official maple/ivlp/language_deep checkpoint: the config's CTX_INIT; the words after the first n_ctx stay text in every prompt, and the file does not name them (default \"{DefaultContextInit}\", the official configs')",
    };

    /// <summary>The official configs' init phrase.</summary>
    public const string DefaultContextInit = "a photo of a";

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Method);
        command.Options.Add(ContextInit);
    }

    /// <summary>Resolves <paramref name="path"/> with the command line's overrides.</summary>
    public ResolvedPrompts Resolve(ParseResult parse, string path) => Resolve(path, parse.GetValue(Method), parse.GetValue(ContextInit));

    /// <summary>
    /// Resolves a prompt file or an official checkpoint (told apart by the first bytes). A <paramref name="method"/> that
    /// contradicts the checkpoint's keys is refused, naming both.
    /// </summary>
    /// <exception cref="MalformedFileException">The file is malformed, or records no method, or its keys fit no method.</exception>
    public static ResolvedPrompts Resolve(string path, string? method, string? contextInit)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Prompt file not found: '{path}'.", path);
        if (!PyTorchFile.IsPyTorchFile(path))
        {
            var description = PromptStateFile.Describe(path);
            var options = description.Options
                ?? throw new PromptStateException(path, $"'{path}' does not record its method and options; it was not written by this library.",
                    "no method and options metadata", PromptStateFile.MethodKey);
            if (method is not null && MethodCatalog.Options(method).Method != options.Method)
                throw new PromptStateException(path, $"'{path}' holds {options.Method} prompts, not {method}: drop --method (a prompt file records its method).",
                    $"holds {options.Method} prompts, not {method}", PromptStateFile.MethodKey);
            return new ResolvedPrompts(options, description.ClassNames, null);
        }
        var (info, inferred) = OfficialCheckpoint.Describe(path);
        string resolved = OfficialMethod(path, method, inferred);
        var shapes = info.StateDict.ToDictionary(t => t.Name, t => t.Shape, StringComparer.Ordinal);
        return new ResolvedPrompts(OfficialCheckpoint.InferOptions(resolved, shapes, contextInit ?? DefaultContextInit), null, info);
    }

    /// <summary>
    /// After an official checkpoint was loaded into <paramref name="tuner"/>: one warning line each when its frozen CLIP
    /// differs from the backbone or its stored prompts do not continue with the init phrase's words (results would not
    /// be the official code's). Nothing for prompt files.
    /// </summary>
    public static void WarnIfMismatched(CliContext context, string path, ResolvedPrompts resolved, PromptTuner tuner)
    {
        if (resolved.Checkpoint is null) return;
        foreach (var warning in OfficialCheckpoint.Verify(path, tuner.Learner.Backbone, tuner.Tokenizer, resolved.Options).Warnings)
            context.Error.WriteLine($"warning: {warning}");
    }

    private static string OfficialMethod(string path, string? requested, string? inferred)
    {
        if (requested is null)
            return inferred ?? throw new PyTorchFormatException(path,
                "its state_dict keys fit none of the official methods (maple, ivlp, language_deep, vpt, coop, cocoop); pass --method if it is one of them.");
        string method = MethodCatalog.Options(requested).Method;
        _ = OfficialCheckpoint.ModelName(method);   // refuses a method without an official layout
        bool sameFolder = method is "ivlp" or "language_deep" && inferred is "ivlp" or "language_deep";
        if (inferred is not null && inferred != method && !sameFolder)
            throw new PyTorchFormatException(path, $"its keys are those of a {inferred} checkpoint, not {method}: drop --method or pass --method {inferred}.");
        return method;
    }
}
