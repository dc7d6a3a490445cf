using System.Buffers.Binary;
using System.Text;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>
/// Writes exactly the protocol-2 pickle <c>torch.save</c> writes for <c>{"state_dict": OrderedDict(name → tensor),
/// "epoch": N}</c>: tensors as <c>torch._utils._rebuild_tensor_v2</c> over persistent-id storages, nothing else. Every
/// global it names is one <c>torch.load(weights_only=True)</c> allows.
/// </summary>
internal sealed class PickleWriter : IDisposable
{
    private readonly MemoryStream _out = new();

    public static byte[] Checkpoint(IReadOnlyList<(string Name, string StorageType, long ElementCount, long[] Shape)> tensors, int epoch)
    {
        using var w = new PickleWriter();
        w.Op(0x80, 2);
        w.Op((byte)'}');
        w.Op((byte)'(');
        w.Str("state_dict");
        w.OrderedDict();
        w.Op((byte)'(');
        for (int i = 0; i < tensors.Count; i++)
        {
            var (name, storageType, count, shape) = tensors[i];
            w.Str(name);
            w.Global("torch._utils", "_rebuild_tensor_v2");
            w.Op((byte)'(');
            w.Op((byte)'(');                                   // persistent id ('storage', type, key, 'cpu', numel)
            w.Str("storage");
            w.Global("torch", storageType);
            w.Str(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.Str("cpu");
            w.Int(count);
            w.Op((byte)'t');
            w.Op((byte)'Q');
            w.Int(0);                                          // storage offset
            w.Tuple(shape);
            w.Tuple(ContiguousStrides(shape));
            w.Op(0x89);                                        // requires_grad False
            w.OrderedDict();                                   // backward hooks
            w.Op((byte)'t');
            w.Op((byte)'R');
        }
        w.Op((byte)'u');
        w.Str("epoch");
        w.Int(epoch);
        w.Op((byte)'u');
        w.Op((byte)'.');
        return w._out.ToArray();
    }

    public void Dispose() => _out.Dispose();

    public static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(1, shape[i]);
        }
        return strides;
    }

    private void OrderedDict()
    {
        Global("collections", "OrderedDict");
        Op((byte)')');
        Op((byte)'R');
    }

    private void Tuple(long[] values)
    {
        if (values.Length == 0) { Op((byte)')'); return; }
        Op((byte)'(');
        foreach (var v in values) Int(v);
        Op((byte)'t');
    }

    private void Global(string module, string name) => _out.Write(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    private void Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Op((byte)'X');
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
        _out.Write(len);
        _out.Write(bytes);
    }

    private void Int(long v)
    {
        Span<byte> b = stackalloc byte[8];
        if (v is >= int.MinValue and <= int.MaxValue)
        {
            Op((byte)'J');
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
            _out.Write(b[..4]);
        }
        else
        {
            Op(0x8a, 8);                                       // LONG1, 8 bytes little-endian two's complement
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            _out.Write(b);
        }
    }

    private void Op(byte op) => _out.WriteByte(op);

    private void Op(byte op, byte arg)
    {
        _out.WriteByte(op);
        _out.WriteByte(arg);
    }
}
