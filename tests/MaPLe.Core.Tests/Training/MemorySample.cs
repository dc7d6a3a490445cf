using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MaPLe.Tests.Training;

/// <summary>
/// One reading of the process's memory: resident set, live TorchSharp tensors (all threads), the managed heap and the
/// bytes glibc's malloc has handed out and not had back (0 where glibc is not the allocator). Telling them apart says
/// whether growing RSS is a leak (live tensors or malloc'd bytes grow) or the allocator keeping freed pages.
/// </summary>
public sealed record MemorySample(long Step, long Rss, long LiveTensors, long ManagedHeap, long NativeInUse)
{
    /// <summary>Reads the current values.</summary>
    public static MemorySample Take(long step)
    {
        using var process = Process.GetCurrentProcess();
        return new MemorySample(step, process.WorkingSet64, TorchSharp.torch.Tensor.TotalCount, GC.GetTotalMemory(forceFullCollection: false), GlibcInUse());
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Step}\t{Rss / 1048576.0:F1}\t{LiveTensors}\t{ManagedHeap / 1048576.0:F1}\t{NativeInUse / 1048576.0:F1}");

    private static long GlibcInUse()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        try
        {
            var info = mallinfo2();
            return (long)(info.uordblks + info.hblkhd);   // allocated from the arenas + allocated with mmap
        }
        catch (EntryPointNotFoundException)
        {
            return 0;   // musl or an old glibc
        }
    }

#pragma warning disable IDE1006, CS0649, SYSLIB1054   // the C struct's and function's own names; a plain blittable P/Invoke
    private struct MallInfo2
    {
        public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();
#pragma warning restore IDE1006, CS0649, SYSLIB1054
}
