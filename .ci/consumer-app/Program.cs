// A user's first program against the MaPLe.Core package: zero-shot CLIP on a picture it draws itself.
// .ci/consumer-check copies this file into an empty `dotnet new console` project restored from a local feed.
using MaPLe.Tuning;
using SkiaSharp;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ConsumerCheck <clip weights> <bpe vocabulary>");
    return 2;
}

string picture = Path.Combine(Path.GetTempPath(), $"maple-consumer-{Environment.ProcessId}.png");
using (var surface = SKSurface.Create(new SKImageInfo(64, 64)))
{
    surface.Canvas.Clear(new SKColor(128, 128, 128));
    using var paint = new SKPaint { Color = new SKColor(230, 30, 30), IsAntialias = true };
    surface.Canvas.DrawCircle(32, 32, 20, paint);
    using var png = surface.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
    File.WriteAllBytes(picture, png.ToArray());
}

string[] classes = ["red circle", "blue square", "green triangle"];
using var tuner = new PromptTunerBuilder()
    .UseBackbone(args[0])
    .UseTokenizer(args[1])
    .UseZeroShot()
    .UseClassNames(classes)
    .Build();
using var probabilities = tuner.Probabilities([picture]);
File.Delete(picture);
var p = probabilities[0].data<float>().ToArray();
for (int i = 0; i < classes.Length; i++)
    Console.WriteLine($"{classes[i]}: {p[i]:F4}");
int best = Array.IndexOf(p, p.Max());
Console.WriteLine($"prediction: {classes[best]}");
return Math.Abs(p.Sum() - 1) < 1e-4 ? 0 : 1;
