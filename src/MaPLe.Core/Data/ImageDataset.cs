namespace MaPLe.Data;

/// <summary>An in-memory <see cref="IImageDataset"/>: the splits a reader produced, after few-shot and class subsampling.</summary>
public sealed class ImageDataset : IImageDataset
{
    /// <summary>
    /// Creates the dataset. Class names are derived as upstream's <c>get_lab2cname</c> does (from the training items; from
    /// the test items for test-only datasets), completed from the other splits.
    /// </summary>
    /// <exception cref="DatasetFormatException">A label has two different names, a label is negative, or a label between 0
    /// and the largest label has no item.</exception>
    public ImageDataset(string name, IReadOnlyList<ImageItem> train, IReadOnlyList<ImageItem> val, IReadOnlyList<ImageItem> test)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(val);
        ArgumentNullException.ThrowIfNull(test);
        Name = name;
        Train = train;
        Val = val;
        Test = test;
        ClassNames = DeriveClassNames(name, train, val, test);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public IReadOnlyList<ImageItem> Train { get; }

    /// <inheritdoc />
    public IReadOnlyList<ImageItem> Val { get; }

    /// <inheritdoc />
    public IReadOnlyList<ImageItem> Test { get; }

    private static string[] DeriveClassNames(string dataset, params IReadOnlyList<ImageItem>[] splits)
    {
        var names = new Dictionary<int, string>();
        foreach (var split in splits)
        {
            foreach (var item in split)
            {
                if (item.Label < 0)
                    throw new DatasetFormatException(dataset, item.Path, $"negative label {item.Label}.");
                if (!names.TryGetValue(item.Label, out var known))
                    names.Add(item.Label, item.ClassName);
                else if (!string.Equals(known, item.ClassName, StringComparison.Ordinal))
                    throw new DatasetFormatException(dataset, item.Path,
                        $"label {item.Label} is named '{item.ClassName}' here but '{known}' elsewhere; one label needs one class name.");
            }
        }
        if (names.Count == 0)
            return [];
        int count = names.Keys.Max() + 1;
        var result = new string[count];
        for (int label = 0; label < count; label++)
        {
            if (!names.TryGetValue(label, out var name))
                throw new DatasetFormatException(dataset, dataset,
                    $"no item has label {label} although labels go up to {count - 1}; labels must be 0..n-1 without gaps.");
            result[label] = name;
        }
        return result;
    }
}
