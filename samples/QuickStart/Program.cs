// QuickStart: the paper's base-to-novel protocol on a laptop with no download. The shipped tiny CLIP was pretrained by
// samples/PretrainTinyClip on a procedural toy world whose "novel" colour×shape classes were held out of pretraining; here
// zero-shot CLIP, CoOp and MaPLe learn prompts from 16 shots of the base classes and are evaluated on base and novel.
//   dotnet run --project samples/QuickStart -c Release [-- --help]
using MaPLe.Samples.QuickStart;

try
{
    var options = QuickStartOptions.Parse(args);
    var summary = await QuickStartRunner.RunAsync(options, Console.Out);
    return summary.Runs.Count > 0 ? 0 : 1;
}
catch (QuickStartUsageException e)
{
    if (e.Message.Length > 0) Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(QuickStartOptions.Usage);
    return e.Message.Length > 0 ? 2 : 0;
}
catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException or ArgumentException or InvalidDataException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
