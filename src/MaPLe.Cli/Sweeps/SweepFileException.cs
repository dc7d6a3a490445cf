namespace MaPLe.Cli.Sweeps;

/// <summary>
/// A grid file, run spec, sweep index or shard part that exists but cannot be used; a <see cref="MalformedFileException"/>,
/// so the CLI reports it as bad input (exit 3) and Kubernetes does not retry the cell.
/// </summary>
public sealed class SweepFileException : MalformedFileException
{
    /// <summary>Creates the exception; <paramref name="message"/> names the file and the fix.</summary>
    /// <param name="filePath">The file at fault.</param>
    /// <param name="message">The whole message.</param>
    public SweepFileException(string filePath, string message) : base(message, filePath, message, null, null)
    {
    }
}
