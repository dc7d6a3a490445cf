using System.Diagnostics;
using System.Text.Json;
using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip;
using MaPLe.Prompting.Official;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Checkpoints.PyTorch;

/// <summary>
/// Runs only where a python3 with torch is found (<c>MAPLE_PYTHON</c>, else <c>python3</c>, else <c>/usr/bin/python3</c>;
/// Debian: <c>apt-get install python3-torch</c>).
/// </summary>
public sealed class RealTorchFactAttribute : FactAttribute
{
    /// <summary>Skips with the reason when no python3 with torch is found.</summary>
    public RealTorchFactAttribute()
    {
        if (RealTorch.Python is null)
            Skip = "opt-in: needs a python3 with torch (apt-get install python3-torch, or MAPLE_PYTHON=<interpreter>); none found";
    }
}

/// <summary>The python3 with torch, and <c>benchmarks/pytorch-reference/torch_roundtrip.py</c> run through it.</summary>
internal static class RealTorch
{
    private static readonly Lazy<string?> PythonLazy = new(Find);

    public static string? Python => PythonLazy.Value;

    public static string Script => Path.Combine(Fixtures.RepoRoot, "benchmarks", "pytorch-reference", "torch_roundtrip.py");

    public static void Run(params string[] args)
    {
        var (code, output) = Execute(Python ?? throw new InvalidOperationException("no python3 with torch"), [Script, .. args], TimeSpan.FromMinutes(5));
        Assert.True(code == 0, $"torch_roundtrip.py {string.Join(' ', args)} exited {code}: {output}");
    }

    private static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("MAPLE_PYTHON"), "python3", "/usr/bin/python3" };
        foreach (var python in candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct())
        {
            try
            {
                // import torch takes seconds, and minutes on a loaded machine: a short limit would skip the tests for the wrong reason.
                if (Execute(python!, ["-c", "import torch"], TimeSpan.FromMinutes(5)).Code == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed under that name
            }
        }
        return null;
    }

    private static (int Code, string Output) Execute(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>
/// Real PyTorch against this library, both ways: what we write (official checkpoints, converted CLIP weights) is what
/// <c>torch.load(weights_only=True)</c> / <c>torch.jit.load</c> read, bit for bit; what torch writes now (every storage
/// dtype, zip and legacy, shared storages and views, 0-dim and empty tensors, a checkpoint, scripted and traced
/// TorchScript) is what our reader returns, bit for bit.
/// </summary>
[Trait("Category", "Parity")]
public sealed class RealTorchRoundTripTests
{
    private static readonly Dictionary<ScalarType, string> Names = new()
    {
        [ScalarType.Float16] = "F16", [ScalarType.BFloat16] = "BF16", [ScalarType.Float32] = "F32", [ScalarType.Float64] = "F64",
        [ScalarType.Int64] = "I64", [ScalarType.Int32] = "I32", [ScalarType.Int16] = "I16", [ScalarType.Int8] = "I8",
        [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };

    private static string Hex(Tensor t) => Convert.ToHexString(t.contiguous().bytes).ToLowerInvariant();

    private static IEnumerable<string> CaseDirs()
    {
        var dir = Path.Combine(PyTorchFixtures.Root, "checkpoints");
        return Directory.Exists(dir) ? Directory.GetDirectories(dir).Order(StringComparer.Ordinal) : [];
    }

    [RealTorchFact]
    public void TorchLoadsEveryExportedCheckpointWithTheOfficialKeysDtypesAndBytes()
    {
        using var temp = new TempDir();
        foreach (var dir in CaseDirs())
        {
            using var scope = NewDisposeScope();
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
            var c = json.RootElement;
            var source = Path.Combine(dir, c.GetProperty("checkpoint").GetString()!);
            string method = c.GetProperty("method").GetString()!;
            int epoch = c.GetProperty("epoch").GetInt32();
            var exported = OfficialCheckpoint.Export(method, OfficialCheckpoint.ReadPrompts(source, method), Path.Combine(temp.Path, Path.GetFileName(dir)), epoch);

            string report = temp.File(Path.GetFileName(dir) + ".json");
            RealTorch.Run("read", exported, report);
            using var read = JsonDocument.Parse(File.ReadAllText(report));
            var r = read.RootElement;
            Assert.Equal(["state_dict", "epoch"], r.GetProperty("top_level_keys").EnumerateArray().Select(e => e.GetString()!));
            Assert.Equal(epoch, r.GetProperty("epoch").GetInt32());
            Assert.Equal("int", r.GetProperty("epoch_type").GetString());
            Assert.Equal("OrderedDict", r.GetProperty("state_dict_type").GetString());

            var expected = SafeTensors.Load(Path.Combine(dir, "expected.safetensors"));
            var promptKeys = c.GetProperty("prompt_keys").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var tensors = r.GetProperty("tensors").EnumerateArray().ToList();
            Assert.Equal(promptKeys.Keys.Order(StringComparer.Ordinal), tensors.Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
            foreach (var t in tensors)
            {
                string name = t.GetProperty("name").GetString()!;
                var want = expected["state." + name];
                Assert.Equal(promptKeys[name], t.GetProperty("dtype").GetString());
                Assert.Equal(want.shape, t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
                Assert.True(Hex(want) == t.GetProperty("hex").GetString(), $"{Path.GetFileName(dir)}: torch reads other values for {name}");
            }
        }
    }

    [RealTorchFact]
    public void OurReaderReturnsWhatTorchWrote()
    {
        using var temp = new TempDir();
        RealTorch.Run("write", temp.Path);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("expected.json")));
        var files = json.RootElement.GetProperty("files").EnumerateObject().ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var scope = NewDisposeScope();
            string path = temp.File(file.Name);
            var ours = PyTorchFile.LoadStateDict(path);
            var want = file.Value.EnumerateArray().ToList();
            Assert.Equal(want.Select(w => w.GetProperty("name").GetString()!).Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
            foreach (var w in want)
            {
                string name = w.GetProperty("name").GetString()!;
                var t = ours[name];
                Assert.True(w.GetProperty("dtype").GetString() == Names[t.dtype], $"{file.Name}: {name} is {t.dtype}");
                Assert.Equal(w.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), t.shape);
                Assert.True(w.GetProperty("hex").GetString() == Hex(t), $"{file.Name}: {name} differs from what torch wrote");
            }
            if (file.Name.StartsWith("checkpoint", StringComparison.Ordinal))
                Assert.Equal(3, DasslCheckpoint.Describe(path).Epoch);
        }
    }

    [RealTorchFact]
    public void ConvertedClipWeightsAreWhatTorchReadsFromTheSource()
    {
        var dir = Path.Combine(PyTorchFixtures.Root, "weights");
        if (!Directory.Exists(dir)) return;
        using var temp = new TempDir();
        foreach (var source in Directory.GetFiles(dir, "*.pt").Order(StringComparer.Ordinal))
        {
            string converted = temp.File(Path.GetFileNameWithoutExtension(source) + ".safetensors"), report = converted + ".json";
            ClipWeights.Convert(source, converted);
            RealTorch.Run("compare-clip", source, converted, report);
            using var json = JsonDocument.Parse(File.ReadAllText(report));
            Assert.Empty(json.RootElement.GetProperty("differences").EnumerateArray().Select(e => e.GetString()));
            using var file = SafeTensorsFile.Open(converted);
            Assert.Equal(file.Tensors.Count, json.RootElement.GetProperty("equal").GetInt32());
        }
    }
}
