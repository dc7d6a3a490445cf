namespace MaPLe.Evaluation;

/// <summary>
/// Counts of (true label, predicted label) pairs over C classes — rows are true labels, columns predictions — and the
/// metrics Dassl's <c>Classification</c> evaluator reports from them.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    /// <summary>An empty matrix over <paramref name="classCount"/> classes.</summary>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        _counts = new long[classCount, classCount];
    }

    /// <summary>A matrix from counts (<c>counts[true, predicted]</c>, square, non-negative); the array is copied.</summary>
    public ConfusionMatrix(long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != counts.GetLength(1) || counts.GetLength(0) < 1)
            throw new ArgumentException($"Counts must be a non-empty square matrix; got {counts.GetLength(0)}x{counts.GetLength(1)}.", nameof(counts));
        foreach (var c in counts)
            if (c < 0) throw new ArgumentException("Counts must be non-negative.", nameof(counts));
        _counts = (long[,])counts.Clone();
    }

    /// <summary>Number of classes C.</summary>
    public int ClassCount => _counts.GetLength(0);

    /// <summary>How many samples of class <paramref name="trueLabel"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int trueLabel, int predicted] => _counts[trueLabel, predicted];

    /// <summary>Adds <paramref name="count"/> samples of (true, predicted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label outside 0..C−1.</exception>
    public void Add(int trueLabel, int predicted, long count = 1)
    {
        if ((uint)trueLabel >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(nameof(trueLabel), trueLabel,
                $"Labels must lie in 0..{ClassCount - 1}: the data has more classes than the tuner (call SetClassNames with the data's classes).");
        if ((uint)predicted >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"Predictions must lie in 0..{ClassCount - 1}.");
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _counts[trueLabel, predicted] += count;
    }

    /// <summary>Adds pairs element-wise.</summary>
    public void Add(ReadOnlySpan<long> trueLabels, ReadOnlySpan<long> predicted)
    {
        if (trueLabels.Length != predicted.Length)
            throw new ArgumentException($"{trueLabels.Length} labels but {predicted.Length} predictions.", nameof(predicted));
        for (int i = 0; i < trueLabels.Length; i++)
            Add(checked((int)trueLabels[i]), checked((int)predicted[i]));
    }

    /// <summary>All samples.</summary>
    public long Total
    {
        get
        {
            long t = 0;
            foreach (var c in _counts) t += c;
            return t;
        }
    }

    /// <summary>Samples on the diagonal.</summary>
    public long Correct
    {
        get
        {
            long t = 0;
            for (int i = 0; i < ClassCount; i++) t += _counts[i, i];
            return t;
        }
    }

    /// <summary>Top-1 accuracy, <c>100 · correct / total</c> (the papers' metric; NaN when empty).</summary>
    public double Accuracy => Total == 0 ? double.NaN : 100.0 * Correct / Total;

    /// <summary>Samples per true class.</summary>
    public IReadOnlyList<long> Support => Enumerable.Range(0, ClassCount).Select(RowSum).ToArray();

    /// <summary>Per-class accuracy (recall), percent; NaN for classes without samples.</summary>
    public IReadOnlyList<double> PerClassAccuracy =>
        Enumerable.Range(0, ClassCount).Select(i => RowSum(i) == 0 ? double.NaN : 100.0 * _counts[i, i] / RowSum(i)).ToArray();

    /// <summary>
    /// Per-class F1, percent: <c>2·tp / (2·tp + fp + fn)</c>, 0 when the class is neither true nor predicted anywhere
    /// (scikit-learn's zero-division value).
    /// </summary>
    public IReadOnlyList<double> PerClassF1 => Enumerable.Range(0, ClassCount).Select(F1).ToArray();

    /// <summary>
    /// Macro-F1, percent, with scikit-learn's semantics as Dassl calls it
    /// (<c>f1_score(y_true, y_pred, average="macro", labels=unique(y_true))</c>): the mean F1 over the classes present
    /// among the true labels. A prediction of a class absent from the true labels lowers the recall of the sample's true
    /// class, while the absent class itself is not averaged. NaN when empty.
    /// </summary>
    public double MacroF1
    {
        get
        {
            var present = Enumerable.Range(0, ClassCount).Where(i => RowSum(i) > 0).ToList();
            return present.Count == 0 ? double.NaN : present.Average(F1);
        }
    }

    /// <summary>A copy of the counts, <c>[true, predicted]</c>.</summary>
    public long[,] ToArray() => (long[,])_counts.Clone();

    private long RowSum(int i)
    {
        long s = 0;
        for (int j = 0; j < ClassCount; j++) s += _counts[i, j];
        return s;
    }

    private long ColumnSum(int j)
    {
        long s = 0;
        for (int i = 0; i < ClassCount; i++) s += _counts[i, j];
        return s;
    }

    private double F1(int k)
    {
        long tp = _counts[k, k];
        long fn = RowSum(k) - tp;
        long fp = ColumnSum(k) - tp;
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0 : 100.0 * 2 * tp / denominator;
    }
}
