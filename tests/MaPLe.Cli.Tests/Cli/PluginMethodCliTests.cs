using MaPLe.Cli;
using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Cli;

/// <summary>
/// The plug-in method of <c>MaPLe.Core.Tests/Prompting/PluginMethod/</c> (compiled into this project too, so it registers
/// here the same way) reaches the CLI's method list and presets and trains from it.
/// </summary>
[Collection("Sequential")]
public sealed class PluginMethodCliTests
{
    [Fact]
    public async Task TheCliListsItAndItsPresetAndTrainsIt()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, await MapleCli.RunAsync(["train", "--help"], output, new StringWriter()));
        Assert.Contains("vpt_shallow", output.ToString());
        Assert.Contains("vpt-shallow-quick", output.ToString());

        using var dir = new TempDir();
        string prompts = dir.File("shallow.safetensors");
        output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(["train", "--weights", SampleAssets.Weights, "--vocab", SampleAssets.Vocabulary, "--dataset", "toyworld",
            "--method", "vpt_shallow", "--shots", "1", "--output", prompts], output, error);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        Assert.Contains("1 epochs, batch 2, lr 0.01", output.ToString());
        Assert.Equal("vpt_shallow", PromptStateFile.Describe(prompts).Method);
    }
}
