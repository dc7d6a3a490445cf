namespace MaPLe.Clip;

/// <summary>Which libtorch kernel computes the frozen CLIP's float32 linear layers on the CPU.</summary>
public enum LinearKernel
{
    /// <summary>
    /// <see cref="OneDnn"/> for float32 on a CPU that is not an Intel one (MKL's BLAS takes a slower generic path on
    /// other vendors' CPUs); <see cref="Blas"/> otherwise.
    /// </summary>
    Auto,

    /// <summary>libtorch's BLAS matrix product (MKL on x64), as PyTorch's <c>nn.Linear</c>.</summary>
    Blas,

    /// <summary>
    /// oneDNN, reached through a 1×1 convolution over channels-last rows (the same products; results differ from BLAS
    /// only by summation order). libtorch sends 1×1 convolutions of small batches to oneDNN only with more than one
    /// intra-op thread; with one thread this is BLAS again.
    /// </summary>
    OneDnn,
}
