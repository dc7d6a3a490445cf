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
}
