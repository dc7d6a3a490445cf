"""Real PyTorch against MaPLe.NET's PyTorch reader and writer (issue #13).

Needs python3 with torch (Debian: apt-get install python3-torch, torch 1.13). Run by the opt-in test
MaPLe.Core.Tests RealTorchRoundTripTests (which skips when no python3 with torch is found), or by hand:

  torch_roundtrip.py write DIR
      torch.save / torch.jit.save files of every storage dtype, zip and legacy format, shared storages, non-contiguous
      views, 0-dim and empty tensors, an nn.Parameter, a TorchScript module; DIR/expected.json gives, per file, every
      tensor's name, dtype, shape and contiguous little-endian bytes (hex), for the .NET reader to compare against.
  torch_roundtrip.py read CHECKPOINT OUT.json
      torch.load(CHECKPOINT, weights_only=True) as the official load_model reads a file MaPLe.NET exported; OUT.json
      lists the top-level keys, the epoch, the state_dict's type and every tensor (dtype, shape, bytes as hex).
  torch_roundtrip.py compare-clip SOURCE.pt CONVERTED.safetensors OUT.json
      the state dict torch itself reads from SOURCE (torch.jit.load for TorchScript, else torch.load) against the
      safetensors file `maple convert` wrote (parsed here from its documented layout); OUT.json counts equal tensors and
      lists every difference.

Every value is compared bit for bit (after casting to the reference dtype where the stored dtypes differ).
"""
import collections
import json
import struct
import sys

import torch

DTYPES = {
    torch.float16: "F16", torch.bfloat16: "BF16", torch.float32: "F32", torch.float64: "F64",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL",
}
SAFETENSORS = {"F16": torch.float16, "BF16": torch.bfloat16, "F32": torch.float32, "F64": torch.float64,
               "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
               "BOOL": torch.bool}


def raw(t):
    """The tensor's values as contiguous little-endian bytes, hex."""
    flat = t.detach().reshape(-1).contiguous()
    if flat.numel() == 0:
        return ""
    return flat.view(torch.uint8).numpy().tobytes().hex()


def describe(tensors):
    return [{"name": k, "dtype": DTYPES[v.dtype], "shape": list(v.shape), "hex": raw(v)} for k, v in tensors.items()]


def sample(dtype, shape, seed):
    g = torch.Generator().manual_seed(seed)
    if dtype == torch.bool:
        return torch.randint(0, 2, shape, generator=g).bool()
    if dtype.is_floating_point:
        return (torch.randn(shape, generator=g, dtype=torch.float64) * 3).to(dtype)
    info = torch.iinfo(dtype)
    return torch.randint(max(info.min, -1000), min(info.max, 1000) + 1, shape, generator=g, dtype=torch.int64).to(dtype)


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(6, 4)
        self.norm = torch.nn.LayerNorm(4)
        self.register_buffer("steps", torch.tensor(7, dtype=torch.int64))
        self.blocks = torch.nn.ModuleList([torch.nn.Linear(4, 4, bias=False) for _ in range(2)])

    def forward(self, x):
        x = self.norm(self.proj(x))
        for b in self.blocks:
            x = b(x)
        return x * self.steps


def write(folder):
    import os
    os.makedirs(folder, exist_ok=True)
    expected = {}

    every_dtype = collections.OrderedDict(
        (f"t_{name.lower()}", sample(dtype, (3, 5), i)) for i, (dtype, name) in enumerate(DTYPES.items()))
    every_dtype["scalar"] = torch.tensor(2.5, dtype=torch.float32)
    every_dtype["empty"] = torch.zeros((0, 3), dtype=torch.float16)
    for fmt, zip_format in (("zip", True), ("legacy", False)):
        name = f"dtypes-{fmt}.pt"
        torch.save(every_dtype, os.path.join(folder, name), _use_new_zipfile_serialization=zip_format)
        expected[name] = describe(every_dtype)

    base = torch.arange(48, dtype=torch.float32).reshape(6, 8)
    views = collections.OrderedDict([
        ("base", base), ("transposed", base.t()), ("block", base[1:4, 2:7]), ("strided", base[:, ::3]),
        ("row", base[5]), ("half_view", base.half()[2:, 1::2]),
    ])
    for fmt, zip_format in (("zip", True), ("legacy", False)):
        name = f"views-{fmt}.pt"
        torch.save(views, os.path.join(folder, name), _use_new_zipfile_serialization=zip_format)
        expected[name] = describe(views)

    checkpoint = {"state_dict": collections.OrderedDict([("ctx", torch.nn.Parameter(sample(torch.float16, (4, 8), 40))),
                                                         ("meta_net.linear1.weight", sample(torch.float32, (2, 8), 41))]),
                  "epoch": 3}
    torch.save(checkpoint, os.path.join(folder, "checkpoint.pth.tar-3"))
    expected["checkpoint.pth.tar-3"] = describe(checkpoint["state_dict"])

    torch.manual_seed(0)
    module = Tiny().eval()
    scripted = torch.jit.script(module)
    torch.jit.save(scripted, os.path.join(folder, "scripted.pt"))
    expected["scripted.pt"] = describe(module.state_dict())
    traced = torch.jit.trace(module, torch.randn(2, 6))
    torch.jit.save(traced, os.path.join(folder, "traced.pt"))
    expected["traced.pt"] = describe(module.state_dict())

    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "files": expected}, f)


def read(path, out):
    loaded = torch.load(path, map_location="cpu", weights_only=True)
    state = loaded["state_dict"]
    result = {
        "torch": torch.__version__,
        "top_level_keys": list(loaded.keys()),
        "epoch": loaded["epoch"],
        "epoch_type": type(loaded["epoch"]).__name__,
        "state_dict_type": type(state).__name__,
        "tensors": describe(state),
    }
    with open(out, "w") as f:
        json.dump(result, f)


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        dtype = SAFETENSORS[entry["dtype"]]
        chunk = bytearray(body[start:end])
        t = torch.frombuffer(chunk, dtype=dtype) if len(chunk) else torch.zeros(0, dtype=dtype)
        tensors[name] = t.reshape(entry["shape"])
    return tensors


def compare_clip(source, converted, out):
    try:
        state = torch.jit.load(source, map_location="cpu").state_dict()
    except RuntimeError:
        state = torch.load(source, map_location="cpu", weights_only=True)
    ours = read_safetensors(converted)
    buffers = {"input_resolution", "context_length", "vocab_size"}   # OpenAI's metadata scalars, not weights
    differences, equal = [], 0
    for name, want in state.items():
        if name in buffers:
            continue
        got = ours.get(name)
        if got is None:
            differences.append(f"{name}: missing from the converted file")
        elif list(got.shape) != list(want.shape):
            differences.append(f"{name}: shape {list(got.shape)} != {list(want.shape)}")
        elif raw(got.to(want.dtype)) != raw(want):
            differences.append(f"{name}: values differ ({DTYPES[got.dtype]} vs torch's {DTYPES[want.dtype]})")
        else:
            equal += 1
    extra = sorted(set(ours) - set(state))
    differences += [f"{name}: not in the source" for name in extra]
    with open(out, "w") as f:
        json.dump({"torch": torch.__version__, "equal": equal, "differences": differences}, f)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "write" and len(sys.argv) == 3:
        write(sys.argv[2])
    elif command == "read" and len(sys.argv) == 4:
        read(sys.argv[2], sys.argv[3])
    elif command == "compare-clip" and len(sys.argv) == 5:
        compare_clip(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
