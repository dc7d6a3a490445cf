using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MaPLe.Tests.Docs;

/// <summary>
/// A real .NET Interactive kernel (<c>dotnet-interactive stdio</c>, the process behind Polyglot Notebooks) driven over
/// its JSON-lines protocol: each cell is a <c>SubmitCode</c> command; its events are read until the command succeeds
/// or fails.
/// </summary>
public sealed class DotNetInteractiveKernel : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private int _commands;

    /// <summary>Starts <paramref name="toolPath"/> (the dotnet-interactive executable) with C# as the default kernel.</summary>
    public DotNetInteractiveKernel(string toolPath, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(toolPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "stdio", "--default-kernel", "csharp" }) info.ArgumentList.Add(a);
        info.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{toolPath} did not start.");
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>What one submission produced.</summary>
    /// <param name="Succeeded">Whether the kernel reported CommandSucceeded.</param>
    /// <param name="Error">The kernel's failure message (compile errors, the exception, a package that did not restore).</param>
    /// <param name="Outputs">Every formatted value shown (standard output, display, return value): (mime type, value).</param>
    public sealed record Submission(bool Succeeded, string Error, IReadOnlyList<(string MimeType, string Value)> Outputs);

    /// <summary>Submits <paramref name="code"/> as one cell and waits for its end.</summary>
    /// <exception cref="TimeoutException">The cell did not end within <paramref name="timeout"/>.</exception>
    public async Task<Submission> SubmitAsync(string code, TimeSpan timeout)
    {
        string token = $"maple-test-{++_commands}";
        var command = new JsonObject
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
        };
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync();

        var outputs = new List<(string, string)>();
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The kernel did not finish the cell within {timeout}.");
            }
            if (line is null)
                return new Submission(false, $"The kernel exited ({await _stderr})", outputs);
            if (!line.StartsWith('{')) continue;   // the banner
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            // Events of the submission and of the commands it spawns carry tokens that start with its token ("t", "t.1").
            if (!root.TryGetProperty("command", out var cmd) || cmd.ValueKind != JsonValueKind.Object
                || !cmd.TryGetProperty("token", out var t) || t.GetString() is not { } eventToken
                || !(eventToken == token || eventToken.StartsWith(token + ".", StringComparison.Ordinal)))
                continue;
            var type = root.GetProperty("eventType").GetString();
            var evt = root.GetProperty("event");
            if (evt.TryGetProperty("formattedValues", out var values))
                foreach (var v in values.EnumerateArray())
                    outputs.Add((v.GetProperty("mimeType").GetString() ?? "", v.GetProperty("value").GetString() ?? ""));
            if (eventToken != token) continue;
            if (type == "CommandFailed")
                return new Submission(false, evt.GetProperty("message").GetString() ?? "", outputs);
            if (type == "CommandSucceeded")
                return new Submission(true, "", outputs);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }
}
