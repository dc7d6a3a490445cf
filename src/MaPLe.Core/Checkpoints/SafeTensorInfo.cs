namespace MaPLe.Checkpoints;

/// <summary>One entry of a safetensors header: name, element type, shape and byte range within the data section.</summary>
/// <param name="Name">The tensor's key.</param>
/// <param name="DType">The stored element type.</param>
/// <param name="Shape">The tensor's shape (empty for a scalar).</param>
/// <param name="Begin">Start offset, relative to the data section.</param>
/// <param name="End">End offset (exclusive), relative to the data section.</param>
public sealed record SafeTensorInfo(string Name, SafeTensorDType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Shape as text, e.g. <c>[77, 512]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
