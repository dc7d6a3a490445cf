namespace MaPLe.Tests.TestSupport;

/// <summary>Tests that touch process-global torch state (seeds, thread counts, memory statistics) run one at a time.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection;
