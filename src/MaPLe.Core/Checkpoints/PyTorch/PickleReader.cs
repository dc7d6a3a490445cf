using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>
/// A data-only unpickler (protocols 0-5 binary opcodes that torch and Python emit for containers and primitives). Globals
/// go through <see cref="TorchGlobals"/>'s allow-list and calls yield data, never code; persistent ids become storages
/// through a callback. The machine is a loop over an explicit stack, so nesting depth cannot overflow the call stack, and
/// every length is checked against the bytes left before anything is allocated.
/// </summary>
internal sealed class PickleReader
{
    private readonly string _path;
    private readonly Stream _stream;
    private readonly Func<PickleTuple, object> _persistentLoad;
    private long _remaining;

    private PickleReader(string path, Stream stream, long length, Func<PickleTuple, object> persistentLoad)
    {
        _path = path;
        _stream = stream;
        _remaining = length;
        _persistentLoad = persistentLoad;
    }

    /// <summary>Reads one pickle (up to STOP) from <paramref name="stream"/>, consuming at most <paramref name="length"/> bytes.</summary>
    public static object? Load(string path, Stream stream, long length, Func<PickleTuple, object> persistentLoad) =>
        new PickleReader(path, stream, length, persistentLoad).Run();

    private static readonly object Mark = new();
    private static readonly object NoneKey = new();

    private object? Run()
    {
        var stack = new List<object?>();
        var marks = new Stack<int>();
        var memo = new Dictionary<long, object?>();
        while (true)
        {
            byte op = Byte();
            switch (op)
            {
                case 0x80: Byte(); break;                                              // PROTO
                case 0x95: Bytes(8); break;                                            // FRAME (length only a hint)
                case (byte)'.':                                                        // STOP
                    if (stack.Count != 1) throw Bad($"the pickle stops with {stack.Count} values on its stack");
                    return stack[0];
                case (byte)'(': marks.Push(stack.Count); break;                        // MARK
                case (byte)'}': stack.Add(new PickleDict()); break;                    // EMPTY_DICT
                case (byte)']': stack.Add(new List<object?>()); break;                 // EMPTY_LIST
                case (byte)')': stack.Add(new PickleTuple([])); break;                 // EMPTY_TUPLE
                case (byte)'t': stack.Add(new PickleTuple(PopMark(stack, marks).ToArray())); break;
                case 0x85: stack.Add(new PickleTuple([Pop(stack)])); break;            // TUPLE1
                case 0x86: { var b = Pop(stack); var a = Pop(stack); stack.Add(new PickleTuple([a, b])); break; }
                case 0x87: { var c = Pop(stack); var b = Pop(stack); var a = Pop(stack); stack.Add(new PickleTuple([a, b, c])); break; }
                case (byte)'l': stack.Add(PopMark(stack, marks)); break;               // LIST
                case (byte)'d': stack.Add(ToDict(PopMark(stack, marks))); break;       // DICT
                case (byte)'N': stack.Add(null); break;
                case 0x88: stack.Add(true); break;
                case 0x89: stack.Add(false); break;
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))); break;
                case (byte)'K': stack.Add((long)Byte()); break;
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2))); break;
                case 0x8a: stack.Add(Long(Byte())); break;                             // LONG1
                case 0x8b: stack.Add(Long(Length(BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))))); break;
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Bytes(8))); break;
                case (byte)'X': stack.Add(Utf8(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))))); break;
                case 0x8c: stack.Add(Utf8(Byte())); break;                             // SHORT_BINUNICODE
                case 0x8d: stack.Add(Utf8(Length(BinaryPrimitives.ReadInt64LittleEndian(Bytes(8))))); break;
                case (byte)'T': stack.Add(Latin1(Length(BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))))); break;
                case (byte)'U': stack.Add(Latin1(Byte())); break;                      // SHORT_BINSTRING
                case (byte)'B': stack.Add(Bytes(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))))); break;
                case (byte)'C': stack.Add(Bytes(Byte())); break;                       // SHORT_BINBYTES
                case 0x8e: stack.Add(Bytes(Length(BinaryPrimitives.ReadInt64LittleEndian(Bytes(8))))); break;
                case (byte)'q': memo[Byte()] = Peek(stack); break;                     // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))] = Peek(stack); break;
                case 0x94: memo[memo.Count] = Peek(stack); break;                      // MEMOIZE
                case (byte)'h': stack.Add(Memo(memo, Byte())); break;                  // BINGET
                case (byte)'j': stack.Add(Memo(memo, BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))); break;
                case (byte)'0': Pop(stack); break;                                     // POP
                case (byte)'1': PopMark(stack, marks); break;                          // POP_MARK
                case (byte)'2': stack.Add(Peek(stack)); break;                         // DUP
                case (byte)'a': { var v = Pop(stack); AsList(Peek(stack)).Add(v); break; }
                case (byte)'e': { var items = PopMark(stack, marks); AsList(Peek(stack)).AddRange(items); break; }
                case (byte)'s': { var v = Pop(stack); var k = Pop(stack); AsDict(Peek(stack)).Set(Key(k), v); break; }
                case (byte)'u':
                {
                    var items = PopMark(stack, marks);
                    if (items.Count % 2 != 0) throw Bad("SETITEMS has an odd number of values");
                    var dict = AsDict(Peek(stack));
                    for (int i = 0; i < items.Count; i += 2) dict.Set(Key(items[i]), items[i + 1]);
                    break;
                }
                case (byte)'c': stack.Add(TorchGlobals.Resolve(_path, Line(), Line())); break;   // GLOBAL
                case 0x93:                                                             // STACK_GLOBAL
                {
                    var name = Pop(stack) as string; var module = Pop(stack) as string;
                    if (name is null || module is null) throw Bad("STACK_GLOBAL needs two strings");
                    stack.Add(TorchGlobals.Resolve(_path, module, name));
                    break;
                }
                case (byte)'R':                                                        // REDUCE
                {
                    var args = Pop(stack) as PickleTuple ?? throw Bad("REDUCE needs an argument tuple");
                    stack.Add(TorchGlobals.Apply(_path, Pop(stack), args.Items));
                    break;
                }
                case 0x81:                                                             // NEWOBJ
                {
                    var args = Pop(stack) as PickleTuple ?? throw Bad("NEWOBJ needs an argument tuple");
                    stack.Add(TorchGlobals.Apply(_path, Pop(stack), args.Items));
                    break;
                }
                case (byte)'b': Build(Pop(stack), Peek(stack)); break;                 // BUILD
                case (byte)'Q':                                                        // BINPERSID
                    stack.Add(_persistentLoad(Pop(stack) as PickleTuple ?? throw Bad("a persistent id must be a tuple")));
                    break;
                default:
                    throw Bad($"unsupported pickle opcode 0x{op:x2} (not one torch.save or a plain container uses)");
            }
        }
    }

    private void Build(object? state, object? target)
    {
        switch (target)
        {
            case PickleObject o: o.State = state; break;
            case PickleDict: break;    // OrderedDict's _metadata attribute: not needed for the values.
            case TorchTensor: break;   // a parameter's extra attributes.
            default: throw Bad($"BUILD on a {TorchGlobals.Describe(target)}");
        }
    }

    private PyTorchFormatException Bad(string problem) => new(_path, $"{problem}: the pickle is corrupt or not written by torch.");

    private object? Pop(List<object?> stack)
    {
        if (stack.Count == 0) throw Bad("the pickle pops an empty stack");
        var v = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        if (ReferenceEquals(v, Mark)) throw Bad("a value is missing");
        return v;
    }

    private object? Peek(List<object?> stack) => stack.Count > 0 ? stack[^1] : throw Bad("the pickle reads an empty stack");

    private List<object?> PopMark(List<object?> stack, Stack<int> marks)
    {
        if (marks.Count == 0) throw Bad("the pickle closes a MARK it never opened");
        int at = marks.Pop();
        if (at > stack.Count) throw Bad("a MARK points past the stack");
        var items = stack.GetRange(at, stack.Count - at);
        stack.RemoveRange(at, stack.Count - at);
        return items;
    }

    private object? Memo(Dictionary<long, object?> memo, long key) =>
        memo.TryGetValue(key, out var v) ? v : throw Bad($"memo entry {key} is used before it is set");

    private List<object?> AsList(object? v) => v as List<object?> ?? throw Bad($"APPEND to a {TorchGlobals.Describe(v)}");

    private PickleDict AsDict(object? v) => v as PickleDict ?? throw Bad($"SETITEM on a {TorchGlobals.Describe(v)}");

    private PickleDict ToDict(List<object?> items)
    {
        if (items.Count % 2 != 0) throw Bad("DICT has an odd number of values");
        var d = new PickleDict();
        for (int i = 0; i < items.Count; i += 2) d.Set(Key(items[i]), items[i + 1]);
        return d;
    }

    // Keys are compared by value; containers and tensors compare by reference (as Python hashes objects by identity).
    private static object Key(object? k) => k switch
    {
        null => NoneKey,
        PickleTuple t => string.Join("\u0001", t.Items.Select(i => i?.ToString() ?? "None")),
        _ => k,
    };

    private object Long(int n)
    {
        if (n > 64) throw Bad($"a {n}-byte integer");
        var bytes = Bytes(n);
        if (n <= 8)
        {
            long v = 0;
            for (int i = n - 1; i >= 0; i--) v = (v << 8) | bytes[i];
            if (n > 0 && n < 8 && (bytes[n - 1] & 0x80) != 0) v -= 1L << (8 * n);
            return v;
        }
        return new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
    }

    private int Length(long n)
    {
        if (n < 0 || n > _remaining)
            throw Bad($"a value declares {n} bytes but only {_remaining} remain");
        return (int)n;
    }

    private byte Byte() => Bytes(1)[0];

    private byte[] Bytes(int n)
    {
        if (n > _remaining) throw Bad("the pickle ends early (truncated)");
        var buffer = new byte[n];
        try { _stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw Bad("the pickle ends early (truncated)"); }
        _remaining -= n;
        return buffer;
    }

    private string Utf8(int n)
    {
        try { return new UTF8Encoding(false, true).GetString(Bytes(n)); }
        catch (DecoderFallbackException) { throw Bad("a string is not valid UTF-8"); }
    }

    private string Latin1(int n) => Encoding.Latin1.GetString(Bytes(n));

    private string Line()
    {
        var sb = new StringBuilder();
        while (true)
        {
            byte b = Byte();
            if (b == '\n') return sb.ToString();
            if (sb.Length > 256) throw Bad("a GLOBAL name is longer than 256 characters");
            sb.Append((char)b);
        }
    }
}
