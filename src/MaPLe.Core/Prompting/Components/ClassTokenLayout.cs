using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>
/// The "middle" and "front" class positions as one gather over the "end" layout <c>[SOT, ctx, suffix]</c>: row c of
/// <see cref="Index"/> says, for each output position, which position of the end layout it takes. Upstream splits the
/// suffix at <c>name_len</c> (the class name's token count) and concatenates per class; the gather computes the same rows
/// for all classes at once and routes gradients back to <c>ctx</c> identically.
/// </summary>
internal sealed class ClassTokenLayout : IDisposable
{
    private ClassTokenLayout(Tensor index) => Index = index;

    /// <summary>Source positions <c>[C, L]</c> (int64), on the learner's device.</summary>
    public Tensor Index { get; }

    /// <summary>The layout of <paramref name="classNames"/> (their lengths as <paramref name="tokenizer"/> encodes the cleaned names).</summary>
    public static ClassTokenLayout? ForClasses(ClassTokenPosition position, int contextLength, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, long sequenceLength, Device device) =>
        position == ClassTokenPosition.End
            ? null
            : Create(position, contextLength, classNames.Select(c => tokenizer.Encode(PromptText.CleanClassName(c)).Count).ToList(), sequenceLength, device);

    /// <summary>The index for <paramref name="position"/>; null for <see cref="ClassTokenPosition.End"/> (no rearrangement).</summary>
    public static ClassTokenLayout? Create(ClassTokenPosition position, int contextLength, IReadOnlyList<int> nameLengths, long sequenceLength, Device device)
    {
        if (position == ClassTokenPosition.End) return null;
        int n = contextLength;
        long l = sequenceLength;
        var rows = new long[nameLengths.Count * l];
        for (int c = 0; c < nameLengths.Count; c++)
        {
            int name = nameLengths[c];
            if (1 + n + name > l)
                throw new ArgumentException($"Class {c}: its name's {name} tokens do not fit after {n} context tokens in {l} positions.");
            var row = rows.AsSpan(c * (int)l, (int)l);
            for (int p = 0; p < l; p++) row[p] = p;                          // SOT, "." and EOT stay where they are
            int half = position == ClassTokenPosition.Middle ? n / 2 : 0;    // context tokens before the name
            int at = 1;
            for (int j = 0; j < half; j++) row[at++] = 1 + j;
            for (int k = 0; k < name; k++) row[at++] = 1 + n + k;
            for (int j = half; j < n; j++) row[at++] = 1 + j;
        }
        using var scope = NewDisposeScope();
        return new ClassTokenLayout(tensor(rows, [nameLengths.Count, l]).to(device).MoveToOuterDisposeScope().DetachFromDisposeScope());
    }

    /// <summary>Rearranges end-layout rows <c>[C, L, d]</c>.</summary>
    public Tensor Apply(Tensor endLayout) =>
        endLayout.gather(1, Index.unsqueeze(-1).expand(-1, -1, endLayout.shape[2]));

    /// <inheritdoc />
    public void Dispose() => Index.Dispose();
}
