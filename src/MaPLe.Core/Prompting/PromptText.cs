namespace MaPLe.Prompting;

/// <summary>Upstream's text conventions for class prompts.</summary>
public static class PromptText
{
    /// <summary>Class names as given to prompt learners: <c>name.replace("_", " ")</c>.</summary>
    public static string CleanClassName(string name) => name.Replace('_', ' ');

    /// <summary>The placeholder prompt of randomly initialised context: "X X ... X" (n times).</summary>
    public static string Placeholder(int n) => string.Join(' ', Enumerable.Repeat("X", n));

    /// <summary><c>prefix + " " + name + "."</c>, the class prompt of every learned-context method.</summary>
    public static string ClassPrompt(string prefix, string className) => $"{prefix} {CleanClassName(className)}.";

    /// <summary>Upstream's init text normalisation: <c>ctx_init.replace("_", " ")</c>, trimmed.</summary>
    public static string CleanInit(string init) => init.Replace('_', ' ').Trim();

    /// <summary>Python's <c>template.format(name)</c> for a template with one "{}": the class name with "_" as spaces.</summary>
    public static string FormatTemplate(string template, string className) =>
        template.Replace("{}", CleanClassName(className), StringComparison.Ordinal);

    /// <summary>
    /// Every problem with a class list, compared as the prompts see the names (after <see cref="CleanClassName"/> and
    /// trimming, so "a_b" and "a b" are the same class): missing or empty names and duplicates. Empty when valid.
    /// </summary>
    public static IReadOnlyList<string> ClassNameProblems(IReadOnlyList<string>? classNames)
    {
        if (classNames is null || classNames.Count == 0)
            return ["at least one class name is needed."];
        var problems = new List<string>();
        var empty = Enumerable.Range(0, classNames.Count).Where(i => string.IsNullOrWhiteSpace(classNames[i])).ToList();
        if (empty.Count > 0)
            problems.Add($"class names must not be empty (position {string.Join(", ", empty)}).");
        var dupes = classNames.Where(c => !string.IsNullOrWhiteSpace(c))
            .GroupBy(c => CleanClassName(c).Trim(), StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => g.Distinct().Count() > 1 ? $"'{g.Key}' (given as {string.Join(", ", g.Distinct().Select(n => $"'{n}'"))})" : $"'{g.Key}'")
            .ToList();
        if (dupes.Count > 0)
            problems.Add($"duplicate class names {string.Join(", ", dupes)}: each class needs its own prompt.");
        return problems;
    }

    /// <summary>Throws when <see cref="ClassNameProblems"/> finds a problem.</summary>
    /// <exception cref="ArgumentException">The problems, naming <paramref name="paramName"/>.</exception>
    internal static void ThrowIfInvalidClassNames(IReadOnlyList<string> classNames, string paramName)
    {
        ArgumentNullException.ThrowIfNull(classNames, paramName);
        var problems = ClassNameProblems(classNames);
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid class names: {string.Join(" ", problems)}", paramName);
    }

    /// <summary>Number of whitespace-separated words.</summary>
    public static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
