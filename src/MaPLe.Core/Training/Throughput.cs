using System.Diagnostics;

namespace MaPLe.Training;

/// <summary>Images per second and time left, measured from the start of this call (a resume starts a fresh clock).</summary>
internal sealed class Throughput(long stepsToRun)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _images;

    public long Steps { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public double ImagesPerSecond => _clock.Elapsed.TotalSeconds > 0 ? _images / _clock.Elapsed.TotalSeconds : 0;

    public TimeSpan Eta => Steps == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_clock.Elapsed.Ticks / Steps * Math.Max(0, stepsToRun - Steps));

    public void Add(int images)
    {
        Steps++;
        _images += images;
    }
}
