using System.Runtime.CompilerServices;
using MaPLe.Runtime;

namespace MaPLe.Tests.TestSupport;

/// <summary>Loads libtorch through MaPLe.Core's resolver before any test touches TorchSharp directly.</summary>
internal static class TorchRuntimeStartup
{
#pragma warning disable CA2255 // the test assembly's entry: the resolver must exist before TorchSharp's first native call
    [ModuleInitializer]
    internal static void Load() => TorchRuntime.EnsureLoaded();
#pragma warning restore CA2255
}
