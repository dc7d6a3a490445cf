namespace MaPLe.Cli;

/// <summary>Process exit codes of the maple command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work failed (training diverged, device unavailable, ...).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong (unknown option, missing value).</summary>
    public const int Usage = 2;

    /// <summary>An input file is missing or malformed, or a prompt file does not match the backbone.</summary>
    public const int BadInput = 3;
}
