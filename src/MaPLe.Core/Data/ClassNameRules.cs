using System.Text.RegularExpressions;

namespace MaPLe.Data;

/// <summary>The class-name rules of the upstream dataset readers and prompt learners.</summary>
public static partial class ClassNameRules
{
    /// <summary>
    /// The name as it goes into a prompt: underscores become spaces (every upstream trainer does
    /// <c>name.replace("_", " ")</c>). Idempotent, so applying it twice is harmless.
    /// </summary>
    public static string ForPrompt(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        return className.Replace('_', ' ');
    }

    /// <summary>
    /// UCF101's action folder name: the CamelCase parts joined with "_" (upstream <c>re.findall("[A-Z][^A-Z]*")</c>), e.g.
    /// "ApplyEyeMakeup" → "Apply_Eye_Makeup". Characters before the first capital are dropped, as upstream.
    /// </summary>
    public static string SplitCamelCase(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return string.Join("_", CamelPart().Matches(action).Select(m => m.Value));
    }

    /// <summary>
    /// SUN397's class name from its folder ("c/church/outdoor"): the first letter dropped and the remaining parts reversed
    /// ("outdoor church"), so words such as indoor/outdoor come first.
    /// </summary>
    public static string Sun397FromFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return string.Join(" ", folder.Split('/').Skip(1).Reverse());
    }

    /// <summary>Oxford-IIIT Pets' breed from an image name ("Egyptian_Mau_12" → "egyptian_mau").</summary>
    public static string PetBreed(string imageName)
    {
        ArgumentNullException.ThrowIfNull(imageName);
        var parts = imageName.Split('_');
        return string.Join("_", parts[..^1]).ToLowerInvariant();
    }

    /// <summary>Stanford Cars: the model year moved to the front ("Audi S4 Sedan 2012" → "2012 Audi S4 Sedan").</summary>
    public static string CarYearFirst(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        var parts = className.Split(' ').ToList();
        var year = parts[^1];
        parts.RemoveAt(parts.Count - 1);
        parts.Insert(0, year);
        return string.Join(" ", parts);
    }

    /// <summary>The names to use in prompts for every class of <paramref name="dataset"/> (see <see cref="ForPrompt"/>).</summary>
    public static IReadOnlyList<string> PromptClassNames(this IImageDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.ClassNames.Select(ForPrompt).ToArray();
    }

    [GeneratedRegex("[A-Z][^A-Z]*", RegexOptions.CultureInvariant)]
    private static partial Regex CamelPart();
}
