using MaPLe.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>
/// A recorded official training run (a <c>trajectory*/</c>, <c>trajectories/&lt;method&gt;/</c> or <c>gpa/</c> folder): its
/// options, batches, per-step rates, start parameters and expected losses and parameters, every value read from the files.
/// </summary>
internal sealed class FixtureRun : IDisposable
{
    private FixtureRun(string row)
    {
        Row = row;
        Case = FixtureCase.OpenFolder(row, Fixtures.FolderOf(row));
        Inputs = new TensorSet(Case.Load("inputs.safetensors"));
        Start = new TensorSet(Case.Load("start.safetensors"));
        Expected = new TensorSet(Case.Load("expected.safetensors"));
        Steps = Case.Int("steps");
        Rates = Case.Root.GetProperty("lr").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(Steps, Rates.Count);
        Epochs = Case.Root.TryGetProperty("batches_per_epoch", out _) ? Case.Int("max_epoch") : 1;
        BatchesPerEpoch = Steps / Epochs;
        Assert.Equal(Steps, Epochs * BatchesPerEpoch);
    }

    public string Row { get; }
    public FixtureCase Case { get; }
    public TensorSet Inputs { get; }
    public TensorSet Start { get; }
    public TensorSet Expected { get; }
    public int Steps { get; }
    public IReadOnlyList<double> Rates { get; }
    public int Epochs { get; }
    public int BatchesPerEpoch { get; }

    /// <summary>Rows of every folder matching <paramref name="pattern"/> in the sets under test.</summary>
    public static TheoryData<string> Rows(params string[] patterns)
    {
        var data = new TheoryData<string>();
        foreach (var row in patterns.SelectMany(Fixtures.FoldersWithCase))
            data.Add(row);
        return data;
    }

    public static FixtureRun Open(string row) => new(row);

    /// <summary>The recorded optimizer ("SGD momentum 0.9 weight_decay 5e-4 dampening 0 nesterov False"), rates and epochs.</summary>
    public TrainingOptions Options()
    {
        string text = Case.Str("optimizer");
        double Number(string key)
        {
            var m = Regex.Match(text, key + @"\s+([-+0-9.eE]+)");
            Assert.True(m.Success, $"optimizer string '{text}' lacks {key}");
            return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        Assert.StartsWith("SGD", text);
        var nesterov = Regex.Match(text, @"nesterov\s+(\w+)");
        return new TrainingOptions
        {
            Momentum = Number("momentum"),
            WeightDecay = Number("weight_decay"),
            Dampening = Number("dampening"),
            Nesterov = nesterov.Success && bool.Parse(nesterov.Groups[1].Value),
            Epochs = Epochs,
            Schedule = new ExplicitLearningRateSchedule(Rates),
            LogEverySteps = 0,
            IntraOpThreads = 1,
        };
    }

    /// <summary>The recorded batches, epoch e taking batches e·k … e·k+k−1 (views: the run keeps owning them).</summary>
    public IBatchSource Batches() => new RecordedBatches(this);

    /// <summary>Every step's loss (1e-3) and every recorded component (<c>loss.&lt;name&gt;</c>, 1e-3), rates as recorded.</summary>
    public void AssertLosses(TrainingHistory history, ITestOutputHelper output)
    {
        var steps = history.Steps;
        Assert.Equal(Steps, steps.Count);
        Assert.Equal(Rates, steps.Select(s => s.LearningRate));
        foreach (var key in Expected.Tensors.Keys.Where(k => k == "loss" || k.StartsWith("loss.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var reference = Expected[key].to(ScalarType.Float64).data<double>().ToArray();
            string component = key == "loss" ? "" : key["loss.".Length..];
            var ours = steps.Select(s => component.Length == 0 ? s.Loss
                : s.Components.TryGetValue(component, out var v) ? v : throw new Xunit.Sdk.XunitException($"{Row}: the history has no '{component}' component")).ToArray();
            output.WriteLine($"{Row} {key}: max |ours - reference| = {ours.Zip(reference).Max(t => Math.Abs(t.First - t.Second)):E2}");
            for (int i = 0; i < Steps; i++)
                Assert.True(Math.Abs(ours[i] - reference[i]) <= 1e-3, $"{Row} step {i + 1}: {key} {ours[i]:F6} vs reference {reference[i]:F6}");
        }
    }

    /// <summary>Every expected parameter (the names of <c>start.safetensors</c>) within 1e-4 absolute.</summary>
    public void AssertParameters(IReadOnlyDictionary<string, Tensor> state, ITestOutputHelper output, string what)
    {
        var keys = Start.Tensors.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(keys, state.Keys.Order(StringComparer.Ordinal));
        output.WriteLine($"{Row} {what}: max |param - reference| = {keys.Max(k => TensorAssert.MaxAbsDiff(state[k], Expected[k])):E2}");
        foreach (var key in keys)
            TensorAssert.Close(state[key], Expected[key], 1e-4, $"{Row} {key} {what}");
    }

    public void Dispose()
    {
        Inputs.Dispose();
        Start.Dispose();
        Expected.Dispose();
        Case.Dispose();
    }

    private sealed class RecordedBatches(FixtureRun run) : IBatchSource
    {
        public int BatchesPerEpoch => run.BatchesPerEpoch;

        public IEnumerable<LabeledBatch> ReadEpoch(int epoch, CancellationToken cancellationToken = default)
        {
            for (int b = 0; b < run.BatchesPerEpoch; b++)
            {
                int i = epoch * run.BatchesPerEpoch + b;
                yield return new LabeledBatch(run.Inputs["images"][i], run.Inputs["labels"][i], ownsTensors: true);
            }
        }
    }
}
