namespace MaPLe.Training;

/// <summary>A named training recipe of a prompt method (e.g. MaPLe's base-to-novel config), as the CLI's <c>--preset</c> names it.</summary>
/// <param name="Name">The preset's name, unique across methods (<c>maple-b2n</c>, <c>coop-ep50</c>, ...).</param>
/// <param name="Description">One line saying where the recipe comes from (the paper setting or upstream config file).</param>
/// <param name="Options">The training options.</param>
public sealed record TrainingPreset(string Name, string Description, TrainingOptions Options);
