using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MaPLe.Checkpoints;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>
/// Every <c>trajectory*/</c> folder of the fixture set: the official code's SGD run replayed step by step — the loss of
/// every step (1e-3) and every parameter after the last step (1e-4 absolute), with the optimizer settings, rates,
/// classes and method options read from its case.json.
/// </summary>
[Trait("Category", "Parity")]
public sealed class TrajectoryParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Trajectories()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(Fixtures.Root))
            foreach (var dir in Directory.GetDirectories(Fixtures.Root, "trajectory*").Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(dir, "case.json")))
                    data.Add(Path.GetFileName(dir));
        return data.OrPlaceholder("trajectory");
    }

    [Theory]
    [MemberData(nameof(Trajectories))]
    public async Task StepLossesAndFinalPromptsMatchReference(string name)
    {
        if (FixtureTheory.IsPlaceholder(name)) return;
        string dir = Fixtures.Path_(name);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var root = json.RootElement;
        var classNames = File.ReadAllLines(Path.Combine(dir, "classnames.txt")).Where(l => l.Length > 0).ToList();
        int steps = root.GetProperty("steps").GetInt32();
        var rates = root.GetProperty("lr").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(steps, rates.Count);

        var inputs = SafeTensors.Load(Path.Combine(dir, "inputs.safetensors"));
        var start = SafeTensors.Load(Path.Combine(dir, "start.safetensors"));
        var expected = SafeTensors.Load(Path.Combine(dir, "expected.safetensors"));
        var batches = Enumerable.Range(0, steps).Select(i => (inputs["images"][i], inputs["labels"][i])).ToList();
        try
        {
            using var tuner = TinyTuners.Create(classNames, MethodOptions(root));
            tuner.Learner.LoadStateDict(start, "start.safetensors");
            var options = OptimizerOptions(root.GetProperty("optimizer").GetString()!) with
            {
                Epochs = 1,
                Schedule = new ExplicitLearningRateSchedule(rates),
                LogEverySteps = 0,
                IntraOpThreads = 1,
            };

            var result = await tuner.FitAsync(batches, options);

            var losses = result.History.Steps.Select(s => s.Loss).ToArray();
            Assert.Equal(steps, losses.Length);
            var expectedLoss = expected["loss"].to(ScalarType.Float64).data<double>().ToArray();
            output.WriteLine($"max |loss - reference| = {losses.Zip(expectedLoss).Max(t => Math.Abs(t.First - t.Second)):E2}");
            for (int i = 0; i < steps; i++)
                Assert.True(Math.Abs(losses[i] - expectedLoss[i]) <= 1e-3, $"{name} step {i + 1}: loss {losses[i]:F6} vs reference {expectedLoss[i]:F6}");
            Assert.Equal(rates, result.History.Steps.Select(s => s.LearningRate));

            var state = tuner.Learner.StateDict();
            var parameterKeys = expected.Keys.Where(k => k != "loss").Order().ToList();
            Assert.Equal(parameterKeys, state.Keys.Order());
            output.WriteLine($"max |param - reference| = {parameterKeys.Max(k => TensorAssert.MaxAbsDiff(state[k], expected[k])):E2}");
            foreach (var key in parameterKeys)
                TensorAssert.Close(state[key], expected[key], 1e-4, $"{name} {key} after {steps} steps");
        }
        finally
        {
            foreach (var (images, labels) in batches) { images.Dispose(); labels.Dispose(); }
            TinyTuners.DisposeAll(inputs);
            TinyTuners.DisposeAll(start);
            TinyTuners.DisposeAll(expected);
        }
    }

    private static PromptMethodOptions MethodOptions(JsonElement root) => root.GetProperty("method").GetString() switch
    {
        "maple" => new MaPLeOptions
        {
            PromptLength = root.GetProperty("n_ctx").GetInt32(),
            ContextInit = root.GetProperty("ctx_init").GetString() ?? "",
            PromptDepth = root.GetProperty("depth").GetInt32(),
        },
        var m => throw new NotSupportedException($"Trajectory method '{m}' is not known to this test."),
    };

    // "SGD momentum 0.9 weight_decay 5e-4 dampening 0 nesterov False"
    private static TrainingOptions OptimizerOptions(string text)
    {
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
        };
    }
}
