using MaPLe.Clip;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// The fixture cases again with the linear layers on oneDNN. libtorch sends these 1×1 convolutions to oneDNN only with
/// more than one intra-op thread, so the thread count (process-global) is raised for the test: sequential collection.
/// </summary>
[Trait("Category", "Parity")]
[Collection("Sequential")]
public sealed class OneDnnParityTests
{
    public static TheoryData<string> Cases() => PromptMethodParityTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneDnnLinearLayersMatchReference(string caseName)
    {
        int threads = TorchSharp.torch.get_num_threads();
        TorchSharp.torch.set_num_threads(2);
        try
        {
            PromptMethodParityTests.AssertMatchesReference(caseName, new ClipBackboneOptions { LinearKernel = LinearKernel.OneDnn });
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threads);
        }
    }
}
