using TorchSharp;

namespace MaPLe.Checkpoints;

/// <summary>The element types this library reads and writes in safetensors files.</summary>
public enum SafeTensorDType
{
    /// <summary>IEEE half precision.</summary>
    F16,
    /// <summary>bfloat16.</summary>
    BF16,
    /// <summary>IEEE single precision.</summary>
    F32,
    /// <summary>IEEE double precision.</summary>
    F64,
    /// <summary>64-bit signed integer.</summary>
    I64,
    /// <summary>32-bit signed integer.</summary>
    I32,
    /// <summary>Unsigned byte.</summary>
    U8,
    /// <summary>Boolean stored as one byte.</summary>
    BOOL,
}

/// <summary>Conversions between safetensors type names, element sizes and TorchSharp scalar types.</summary>
public static class SafeTensorDTypes
{
    /// <summary>Parses a header dtype string; returns false for types this library does not support.</summary>
    public static bool TryParse(string name, out SafeTensorDType dtype) =>
        Enum.TryParse(name, ignoreCase: false, out dtype) && Enum.IsDefined(dtype);

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F16 or SafeTensorDType.BF16 => 2,
        SafeTensorDType.F32 or SafeTensorDType.I32 => 4,
        SafeTensorDType.F64 or SafeTensorDType.I64 => 8,
        _ => 1,
    };

    /// <summary>The matching TorchSharp scalar type.</summary>
    public static torch.ScalarType ToScalarType(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F16 => torch.ScalarType.Float16,
        SafeTensorDType.BF16 => torch.ScalarType.BFloat16,
        SafeTensorDType.F32 => torch.ScalarType.Float32,
        SafeTensorDType.F64 => torch.ScalarType.Float64,
        SafeTensorDType.I64 => torch.ScalarType.Int64,
        SafeTensorDType.I32 => torch.ScalarType.Int32,
        SafeTensorDType.U8 => torch.ScalarType.Byte,
        _ => torch.ScalarType.Bool,
    };

    /// <summary>The safetensors type for a TorchSharp scalar type.</summary>
    public static SafeTensorDType FromScalarType(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float16 => SafeTensorDType.F16,
        torch.ScalarType.BFloat16 => SafeTensorDType.BF16,
        torch.ScalarType.Float32 => SafeTensorDType.F32,
        torch.ScalarType.Float64 => SafeTensorDType.F64,
        torch.ScalarType.Int64 => SafeTensorDType.I64,
        torch.ScalarType.Int32 => SafeTensorDType.I32,
        torch.ScalarType.Byte => SafeTensorDType.U8,
        torch.ScalarType.Bool => SafeTensorDType.BOOL,
        _ => throw new NotSupportedException($"Tensors of type {type} cannot be stored in safetensors by this library; convert to float32 first."),
    };
}
