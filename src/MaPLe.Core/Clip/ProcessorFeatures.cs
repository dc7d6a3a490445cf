using System.Runtime.Intrinsics.X86;
using System.Text;

namespace MaPLe.Clip;

/// <summary>
/// What the CPU offers the frozen CLIP's kernels, read with CPUID (x86-64; elsewhere everything reads false): the vector
/// extensions libtorch's matrix products use (AVX2, AVX-512) and whether bfloat16 products run in hardware (AVX512-BF16
/// or AMX-BF16) or are emulated. The one place the library (and its benchmarks' machine description) identifies the CPU.
/// </summary>
internal static class ProcessorFeatures
{
    /// <summary>The vendor string ("GenuineIntel", "AuthenticAMD"; empty off x86).</summary>
    public static string Vendor { get; } = ReadVendor();

    /// <summary>The processor's brand string, e.g. "Intel(R) Xeon(R) Platinum 8480+" (empty off x86).</summary>
    public static string Brand { get; } = ReadBrand();

    /// <summary>AVX2: 256-bit integer vector instructions, the baseline of libtorch's fast CPU kernels (CPUID.7.0:EBX[5]).</summary>
    public static bool HasAvx2 { get; } = Leaf7(0).Ebx.Bit(5);

    /// <summary>AVX-512 foundation instructions (CPUID.7.0:EBX[16]).</summary>
    public static bool HasAvx512 { get; } = Leaf7(0).Ebx.Bit(16);

    /// <summary>AVX512-BF16: bfloat16 dot products in AVX-512 registers (CPUID.7.1:EAX[5]).</summary>
    public static bool HasAvx512Bf16 { get; } = Leaf7(1).Eax.Bit(5);

    /// <summary>AMX-BF16: bfloat16 tile products (CPUID.7.0:EDX[22]).</summary>
    public static bool HasAmxBf16 { get; } = Leaf7(0).Edx.Bit(22);

    /// <summary>True when bfloat16 matrix products run in hardware rather than emulated.</summary>
    public static bool HasNativeBf16 => HasAvx512Bf16 || HasAmxBf16;

    /// <summary>The hardware bfloat16 extensions present, e.g. "AVX512-BF16, AMX-BF16" (empty when none).</summary>
    public static string Bf16Extensions =>
        string.Join(", ", new[] { (HasAvx512Bf16, "AVX512-BF16"), (HasAmxBf16, "AMX-BF16") }.Where(e => e.Item1).Select(e => e.Item2));

    private static bool Bit(this int register, int bit) => (register >> bit & 1) == 1;

    private static (int Eax, int Ebx, int Ecx, int Edx) Leaf7(int subLeaf)
    {
        if (!X86Base.IsSupported || X86Base.CpuId(0, 0).Eax < 7)
            return default;
        return X86Base.CpuId(7, subLeaf);
    }

    private static string ReadVendor()
    {
        if (!X86Base.IsSupported) return "";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        return Ascii(ebx, edx, ecx);
    }

    private static string ReadBrand()
    {
        if (!X86Base.IsSupported || (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x80000004)
            return "";
        var parts = new StringBuilder();
        for (uint leaf = 0x80000002; leaf <= 0x80000004; leaf++)
        {
            var (eax, ebx, ecx, edx) = X86Base.CpuId(unchecked((int)leaf), 0);
            parts.Append(Ascii(eax, ebx, ecx, edx));
        }
        return parts.ToString().TrimEnd('\0').Trim();
    }

    private static string Ascii(params int[] registers)
    {
        var bytes = new byte[registers.Length * 4];
        for (int i = 0; i < registers.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), registers[i]);
        return Encoding.ASCII.GetString(bytes);
    }
}
