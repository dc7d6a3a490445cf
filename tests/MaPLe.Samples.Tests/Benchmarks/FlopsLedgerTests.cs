using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Tests.Benchmarks;

public sealed class FlopsLedgerTests
{
    /// <summary>A benchmark class BenchmarkDotNet enumerates (never runs).</summary>
    public class TwoParameterBenchmark
    {
        [Params(1, 2)]
        public int Size { get; set; }

        [ParamsSource(nameof(Kinds))]
        public string Kind { get; set; } = "a";

        public static IEnumerable<string> Kinds => ["a", "b"];

        [Benchmark]
        public void Run() { }
    }

    [Fact]
    public void ACountRecordedBySetupIsFoundForItsCaseOnly()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(TwoParameterBenchmark), ManualConfig.CreateEmpty()).BenchmarksCases;
        FlopsLedger.Record(new TwoParameterBenchmark { Size = 2, Kind = "b" }, 1234);

        var found = cases.Select(c => (Size: c.Parameters["Size"], Kind: c.Parameters["Kind"], Flops: FlopsLedger.Find(c))).ToList();

        Assert.Equal(4, found.Count);
        Assert.Equal(1234, Assert.Single(found, f => f.Flops is not null).Flops);
        Assert.Contains((2, "b", (double?)1234), found.Select(f => ((int)f.Size!, (string)f.Kind!, f.Flops)));
    }

    [Fact]
    public void ANegativeCountIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FlopsLedger.Record(new TwoParameterBenchmark(), -1));
    }
}
