using Spectre.Console;

namespace MaPLe.Cli.Commands;

/// <summary>A progress bar on a terminal (nothing when the output is redirected) for long work of the commands.</summary>
public static class TerminalProgress
{
    /// <summary>
    /// Runs <paramref name="work"/>, handing it a reporter <c>(done, total, description)</c> that moves a bar when the
    /// output is a terminal and does nothing otherwise.
    /// </summary>
    public static async Task<T> RunAsync<T>(CliContext context, string description, Func<Action<double, double, string?>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!context.Interactive)
            return await work((_, _, _) => { });
        return await AnsiConsole.Progress().AutoClear(true).StartAsync(async progressContext =>
        {
            var task = progressContext.AddTask(description);
            return await work((done, total, text) =>
            {
                task.MaxValue = Math.Max(total, 1);
                task.Value = done;
                if (text is not null) task.Description = text;
            });
        });
    }

    /// <summary>The synchronous form of <see cref="RunAsync{T}"/>.</summary>
    public static T Run<T>(CliContext context, string description, Func<Action<double, double, string?>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!context.Interactive)
            return work((_, _, _) => { });
        return AnsiConsole.Progress().AutoClear(true).Start(progressContext =>
        {
            var task = progressContext.AddTask(description);
            return work((done, total, text) =>
            {
                task.MaxValue = Math.Max(total, 1);
                task.Value = done;
                if (text is not null) task.Description = text;
            });
        });
    }
}
