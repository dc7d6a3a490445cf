namespace MaPLe.Runtime;

/// <summary>
/// libtorch (TorchSharp's native runtime) cannot be loaded: the message says which file, why, and what to install
/// instead of TorchSharp's generic "doesn't contain a reference to libtorch-…".
/// </summary>
public sealed class TorchRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchRuntimeException(string message, string? filePath = null, Exception? innerException = null)
        : base(message, innerException) => FilePath = filePath;

    /// <summary>The native library that failed to load, when one was found.</summary>
    public string? FilePath { get; }
}
