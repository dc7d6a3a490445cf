using System.Text;

namespace MaPLe.IO;

/// <summary>
/// Reads small text files that must be UTF-8 (class lists, label files): a UTF-16 or UTF-32 file, invalid UTF-8 or
/// control characters are refused instead of becoming one garbled line.
/// </summary>
internal static class Utf8Text
{
    /// <summary>Largest text file read (class lists hold thousands of short lines, not gigabytes).</summary>
    internal const long MaxBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's lines (a UTF-8 byte-order mark is skipped), or the reason it is not UTF-8 text.</summary>
    /// <param name="path">The file.</param>
    /// <param name="problem">Why the file was refused (null when <c>Lines</c> is returned).</param>
    internal static string[]? TryReadLines(string path, out string? problem)
    {
        if (InputFiles.Problem(path) is { } p)
        {
            problem = p;
            return null;
        }
        long length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            problem = $"it is {length:N0} bytes, more than the {MaxBytes:N0}-byte limit of a text list";
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        problem = Check(bytes, out string? text);
        return problem is null ? text!.Split('\n').Select(l => l.TrimEnd('\r')).ToArray() : null;
    }

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 text; returns why it is not, or null.</summary>
    internal static string? Check(ReadOnlySpan<byte> bytes, out string? text)
    {
        text = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return "it is UTF-16 (or UTF-32) text; save it as UTF-8";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        string decoded;
        try
        {
            decoded = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return "it is not valid UTF-8 text; save it as UTF-8";
        }
        int control = decoded.AsSpan().IndexOfAnyInRange('\0', '\x08');
        if (control < 0) control = decoded.AsSpan().IndexOfAnyInRange('\x0B', '\x0C');
        if (control < 0) control = decoded.AsSpan().IndexOfAnyInRange('\x0E', '\x1F');
        if (control >= 0)
        {
            int line = decoded.AsSpan(0, control).Count('\n') + 1;
            return decoded[control] == '\0'
                ? $"line {line} holds a NUL character: the file looks like UTF-16 without a byte-order mark; save it as UTF-8"
                : $"line {line} holds the control character U+{(int)decoded[control]:X4}; it is not a text file";
        }
        text = decoded;
        return null;
    }
}
