using System.Globalization;

namespace MaPLe.Samples.QuickStart;

/// <summary>Command-line options of the QuickStart (all optional: defaults run the toy world on the shipped tiny CLIP).</summary>
public sealed record QuickStartOptions
{
    public string Weights { get; init; } = Path.Combine(AppContext.BaseDirectory, "assets", "toyclip.safetensors");
    public string Vocabulary { get; init; } = Path.Combine(AppContext.BaseDirectory, "assets", "toyclip-vocab.txt.gz");
    public string? Dataset { get; init; }
    public string? DataRoot { get; init; }
    public IReadOnlyList<string> Methods { get; init; } = ["zeroshot", "coop", "maple"];
    public int Shots { get; init; } = 16;
    public int? Epochs { get; init; }
    public int Seed { get; init; } = 1;
    public int TestPerClass { get; init; } = 50;
    public string Device { get; init; } = "cpu";
    public string DType { get; init; } = "fp32";
    public string Output { get; init; } = "quickstart-output";

    public const string Usage = """
        QuickStart: base-to-novel prompt learning (zero-shot CLIP vs CoOp vs MaPLe).
        Options:
          --weights FILE      CLIP weights (.safetensors, OpenAI or Hugging Face names)   [shipped tiny CLIP]
          --vocab FILE        BPE vocabulary (bpe_simple_vocab_16e6.txt.gz format)         [shipped tiny vocabulary]
          --dataset NAME      a benchmark dataset (EuroSAT, DTD, ...) instead of the toy world; needs --data-root
          --data-root DIR     folder holding the datasets (upstream's $DATA)
          --methods LIST      comma-separated: zeroshot,coop,cocoop,ivlp,language_deep,vpt,maple,promptsrc,kgcoop,prograd   [zeroshot,coop,maple]
          --shots K           training images per base class                                [16]
          --epochs N          override every method's epochs
          --seed N            few-shot sampling and prompt initialisation seed              [1]
          --test-per-class N  toy-world test images per class                               [50]
          --device cpu|cuda   compute device                                                [cpu]
          --dtype fp32|bf16   frozen CLIP precision (prompts stay fp32; bf16 needs AVX512-BF16/AMX or CUDA to be fast)  [fp32]
          --output DIR        where the PNG plots go                                        [quickstart-output]
        """;

    public static QuickStartOptions Parse(string[] args)
    {
        var o = new QuickStartOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string key = args[i];
            if (key is "-h" or "--help") throw new QuickStartUsageException(null);
            if (i + 1 >= args.Length) throw new QuickStartUsageException($"Option {key} needs a value.");
            string v = args[++i];
            o = key switch
            {
                "--weights" => o with { Weights = v },
                "--vocab" => o with { Vocabulary = v },
                "--dataset" => o with { Dataset = v },
                "--data-root" => o with { DataRoot = v },
                "--methods" => o with { Methods = v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--shots" => o with { Shots = Int(key, v) },
                "--epochs" => o with { Epochs = Int(key, v) },
                "--seed" => o with { Seed = Int(key, v) },
                "--test-per-class" => o with { TestPerClass = Int(key, v) },
                "--device" => o with { Device = v },
                "--dtype" => v is "fp32" or "bf16" ? o with { DType = v } : throw new QuickStartUsageException($"--dtype must be fp32 or bf16, not '{v}'."),
                "--output" => o with { Output = v },
                _ => throw new QuickStartUsageException($"Unknown option '{key}'."),
            };
        }
        if (o.Dataset is not null && o.DataRoot is null) throw new QuickStartUsageException("--dataset needs --data-root.");
        return o;
    }

    private static int Int(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new QuickStartUsageException($"{key} must be a positive integer, got '{value}'.");
}

/// <summary>A command-line mistake; the message says which option.</summary>
public sealed class QuickStartUsageException(string? message) : Exception(message ?? "");
