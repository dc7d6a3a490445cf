using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// <c>a @ b</c> for rows <c>[..., n]</c> and a matrix <c>[n, m]</c>: the towers' projections into the joint space. A
/// module without parameters (the tower passes its projection) so that it can be observed through forward hooks;
/// callers invoke it with <c>call</c>.
/// </summary>
internal sealed class MatrixProduct : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the product.</summary>
    public MatrixProduct() : base(nameof(MatrixProduct))
    {
    }

    /// <summary><c>rows @ matrix</c>.</summary>
    public override Tensor forward(Tensor rows, Tensor matrix) => rows.matmul(matrix);
}
