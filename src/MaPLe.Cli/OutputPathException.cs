namespace MaPLe.Cli;

/// <summary>An output path given on the command line cannot be used; raised before any work starts.</summary>
public sealed class OutputPathException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> given as <paramref name="option"/>.</summary>
    public OutputPathException(string option, string path, string problem, string remedy)
        : base($"{option} '{path}': {problem}; {remedy}")
    {
        Option = option;
        FilePath = path;
    }

    /// <summary>The option naming the path.</summary>
    public string Option { get; }

    /// <summary>The path.</summary>
    public string FilePath { get; }
}
