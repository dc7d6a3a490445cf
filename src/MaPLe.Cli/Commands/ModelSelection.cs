using System.CommandLine;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tuning;

namespace MaPLe.Cli.Commands;

/// <summary>--weights / --vocab / --device / --dtype: the frozen CLIP and its tokenizer, shared by every command that classifies.</summary>
public sealed class ModelSelection
{
    /// <summary>CLIP weights.</summary>
    public Option<string?> Weights { get; } = CommonOptions.Weights();

    /// <summary>BPE vocabulary.</summary>
    public Option<string?> Vocabulary { get; } = CommonOptions.Vocabulary();

    /// <summary>Device.</summary>
    public Option<string> Device { get; } = CommonOptions.Device();

    /// <summary>Compute dtype.</summary>
    public Option<string> DType { get; } = CommonOptions.DType();

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Weights);
        command.Options.Add(Vocabulary);
        command.Options.Add(Device);
        command.Options.Add(DType);
    }

    /// <summary>A builder with the backbone (owned by the tuner) and a tokenizer sized to its vocabulary.</summary>
    public PromptTunerBuilder Builder(ParseResult parse) => Builder(parse, LoadBackbone(parse));

    /// <summary>Loads the frozen CLIP the command line names (the caller owns it until it goes to <see cref="Builder(ParseResult, ClipBackbone)"/>).</summary>
    public ClipBackbone LoadBackbone(ParseResult parse) =>
        CliContext.LoadBackbone(parse.GetValue(Weights), parse.GetValue(Device)!, parse.GetValue(DType)!);

    /// <summary>A builder that owns <paramref name="backbone"/> (disposed here when the tokenizer fails to load).</summary>
    public PromptTunerBuilder Builder(ParseResult parse, ClipBackbone backbone) => Create(parse, backbone, null, null);

    /// <summary>
    /// A builder using the method options a prompt file records: they are checked against the backbone first, so options
    /// the file got wrong are reported as the file's fault (bad input), not the command line's.
    /// </summary>
    public PromptTunerBuilder Builder(ParseResult parse, PromptMethodOptions options, string promptFile) =>
        Create(parse, LoadBackbone(parse), options, promptFile).UseMethod(options);

    private PromptTunerBuilder Create(ParseResult parse, ClipBackbone backbone, PromptMethodOptions? recorded, string? promptFile)
    {
        try
        {
            if (recorded is not null && recorded.Validate(backbone.Config).ToList() is { Count: > 0 } problems)
                throw new PromptStateException($"Prompt file '{promptFile}' records {recorded.Method} options this backbone cannot use: {string.Join(" ", problems)}");
            return new PromptTunerBuilder()
                .UseBackbone(backbone, ownsBackbone: true)
                .UseTokenizer(CliContext.LoadTokenizer(parse.GetValue(Vocabulary), backbone));
        }
        catch
        {
            backbone.Dispose();
            throw;
        }
    }
}
