namespace MaPLe.Cli;

/// <summary>Process exit codes of the maple command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work failed (training diverged, device unavailable, the checkpoint folder is in use, ...).</summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line is wrong (unknown option, missing or out-of-range value) or names an output path that cannot be
    /// used (a folder, read-only, or an existing file without <c>--force</c>).
    /// </summary>
    public const int Usage = 2;

    /// <summary>
    /// An input file is missing or malformed (weights, prompt file, vocabulary, class list, image, dataset), or a prompt
    /// file does not match the backbone.
    /// </summary>
    public const int BadInput = 3;

    /// <summary>Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>
    /// <c>maple run-spec</c>: the cell is being run by another live worker, so this one did nothing; retry later
    /// (EX_TEMPFAIL). A cell that is already done exits with <see cref="Ok"/>, so engines do not retry it.
    /// </summary>
    public const int Skipped = 75;
}
