using System.Text.RegularExpressions;
using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Official;

/// <summary>
/// The official trainers' checkpoints (Dassl <c>model.pth.tar-N</c> of MaPLe, IVLP, deep language prompting, VPT, CoOp,
/// CoCoOp): which method a file holds (from its keys), the options its shapes imply, its prompts under this library's
/// names, and the reverse — learned prompts written as a checkpoint the official <c>load_model</c> accepts.
/// The frozen CLIP that whole-model checkpoints carry is ignored (the backbone supplies it).
/// </summary>
public static partial class OfficialCheckpoint
{
    /// <summary>The registered module's folder name the official trainer of <paramref name="method"/> uses.</summary>
    /// <exception cref="ArgumentException">A method without an official checkpoint layout (zero-shot, unknown).</exception>
    public static string ModelName(string method) => method switch
    {
        "maple" => "MultiModalPromptLearner",
        "ivlp" or "language_deep" => "VLPromptLearner",
        "vpt" or "coop" or "cocoop" => "prompt_learner",
        _ => throw new ArgumentException($"Method '{method}' has no official checkpoint layout (known: maple, ivlp, language_deep, vpt, coop, cocoop).", nameof(method)),
    };

    /// <summary>The method a checkpoint's <c>state_dict</c> keys belong to, or null when they fit none.</summary>
    public static string? InferMethod(IEnumerable<string> keys)
    {
        var k = keys.ToHashSet(StringComparer.Ordinal);
        if (k.Any(x => x.StartsWith("prompt_learner.compound_prompts_text.", StringComparison.Ordinal)) || k.Contains("prompt_learner.proj.weight"))
            return "maple";
        if (k.Contains("prompt_learner.ctx"))
            return k.Contains("image_encoder.VPT") ? "ivlp" : "language_deep";
        if (k.Contains("image_encoder.VPT")) return "vpt";
        if (k.Contains("meta_net.linear1.weight")) return "cocoop";
        if (k.Contains("ctx")) return "coop";
        return null;
    }

    /// <summary>
    /// The options a checkpoint's prompt shapes imply for <paramref name="method"/>. CoOp and CoCoOp learn one vector per
    /// init word, so their context is declared as placeholder words (same class prompts, same logits). MaPLe, IVLP and
    /// deep language prompting replace only the first n words of the init phrase and keep the rest as text, which the file
    /// does not name: <paramref name="contextInit"/> (the official configs' "a photo of a" by default) must be the phrase
    /// the checkpoint was trained with. CoOp's class-token position is not stored either (end is assumed).
    /// </summary>
    public static PromptMethodOptions InferOptions(string method, IReadOnlyDictionary<string, long[]> shapes, string contextInit = "a photo of a")
    {
        int Count(string pattern) => shapes.Keys.Count(k => Regex.IsMatch(k, pattern));
        long[] Shape(string key) => shapes.TryGetValue(key, out var s) ? s : [];
        int Rows(string key) { var s = Shape(key); return s.Length >= 2 ? (int)s[^2] : 0; }
        return method switch
        {
            "maple" => new MaPLeOptions { PromptLength = Rows("prompt_learner.ctx"), ContextInit = contextInit, PromptDepth = Count(@"^prompt_learner\.compound_prompts_text\.\d+$") + 1 },
            "ivlp" => new IndependentVLOptions
            {
                TextPromptLength = Rows("prompt_learner.ctx"), VisionPromptLength = Rows("image_encoder.VPT"), ContextInit = contextInit,
                TextDepth = Count(@"^text_encoder\.transformer\.resblocks\.\d+\.VPT_shallow$") + 1,
                VisionDepth = Count(@"^image_encoder\.transformer\.resblocks\.\d+\.VPT_shallow$") + 1,
            },
            "language_deep" => new DeepLanguageOptions
            {
                PromptLength = Rows("prompt_learner.ctx"), ContextInit = contextInit, PromptDepth = Count(@"^text_encoder\.transformer\.resblocks\.\d+\.VPT_shallow$") + 1,
            },
            "vpt" => new DeepVisionOptions { PromptLength = Rows("image_encoder.VPT"), PromptDepth = Count(@"^image_encoder\.transformer\.resblocks\.\d+\.VPT_shallow$") + 1 },
            "coop" => new CoOpOptions { PromptLength = Rows("ctx"), ContextInit = "", ClassSpecific = Shape("ctx").Length == 3 },
            "cocoop" => new CoCoOpOptions { PromptLength = Rows("ctx"), ContextInit = "" },
            _ => throw new ArgumentException($"Method '{method}' has no official checkpoint layout.", nameof(method)),
        };
    }

    /// <summary>The official key of one of this library's prompt names (CoOp/CoCoOp register only the prompt learner).</summary>
    public static string ToOfficialKey(string method, string name) =>
        method is "coop" or "cocoop" && name.StartsWith("prompt_learner.", StringComparison.Ordinal) ? name["prompt_learner.".Length..] : name;

    /// <summary>This library's name of an official key.</summary>
    public static string FromOfficialKey(string method, string key) => method is "coop" or "cocoop" ? "prompt_learner." + key : key;

    /// <summary>Describes an official checkpoint: its Dassl contents plus the method its keys tell.</summary>
    /// <exception cref="PyTorchFormatException">Not a readable checkpoint.</exception>
    public static (DasslCheckpointInfo Checkpoint, string? Method) Describe(string path)
    {
        var info = DasslCheckpoint.Describe(path);
        return (info, InferMethod(info.StateDict.Select(t => t.Name)));
    }

    /// <summary>
    /// Loads a checkpoint's prompts into <paramref name="learner"/>: picks the learner's parameters out of the state dict
    /// (dropping <c>token_prefix</c>/<c>token_suffix</c> and the frozen CLIP, as the official <c>load_model</c> does),
    /// converts them to float32, and returns what was read. Shapes must match the learner's.
    /// </summary>
    /// <exception cref="PyTorchFormatException">Not a checkpoint, a checkpoint of another method, a prompt key missing, or a
    /// prompt holding NaN or ±Inf (the key is named).</exception>
    /// <exception cref="PromptStateException">Shapes differ from the learner's (the message names the keys).</exception>
    public static DasslCheckpointInfo Load(IPromptLearner learner, string path)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var (info, method) = Describe(path);
        var own = learner.StateDict().Keys.ToList();
        string learnerMethod = learner.Method;
        if (method is not null && method != learnerMethod && !(method == "language_deep" && learnerMethod == "ivlp"))
            throw new PyTorchFormatException(path, $"its keys are those of a {method} checkpoint but the tuner was built with {learnerMethod}: build it with {method} (or pass --method {method}).");
        var keys = own.Select(n => ToOfficialKey(learnerMethod, n)).ToList();
        var present = info.StateDict.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = keys.Where(k => !present.Contains(k)).ToList();
        if (missing.Count > 0)
            throw new PyTorchFormatException(path, $"its state_dict lacks the {learnerMethod} prompt key(s) {string.Join(", ", missing)}; it was saved for other options or another method.");
        using var scope = NewDisposeScope();
        var stored = DasslCheckpoint.ReadStateDict(path, keys);
        FiniteValues.Require(path, stored, problem => new PyTorchFormatException(path, problem));
        var state = stored.ToDictionary(kv => FromOfficialKey(learnerMethod, kv.Key), kv => kv.Value.to(ScalarType.Float32), StringComparer.Ordinal);
        learner.LoadStateDict(state, path);
        return info;
    }

    /// <summary>
    /// Writes <paramref name="learner"/>'s prompts as <c>folder/&lt;ModelName&gt;/model.pth.tar-&lt;epoch&gt;</c> plus Dassl's
    /// <c>checkpoint</c> file, with the keys and dtypes the official trainer saves (PREC fp16: F16 where it holds F16), so
    /// <c>train.py --eval-only --model-dir folder --load-epoch epoch</c> evaluates them. Returns the checkpoint's path.
    /// </summary>
    public static string Export(IPromptLearner learner, string folder, int epoch)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        string method = learner.Method;
        string dir = Path.Combine(folder, ModelName(method));
        string file = $"model.pth.tar-{epoch}";
        using var scope = NewDisposeScope();
        var tensors = learner.StateDict()
            .Select(kv => KeyValuePair.Create(ToOfficialKey(method, kv.Key), kv.Value.detach().cpu().to(OfficialDType(method, kv.Key))))
            .ToList();
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, file);
        PyTorchFile.SaveCheckpoint(path, tensors, epoch);
        File.WriteAllText(Path.Combine(dir, "checkpoint"), file + "\n");
        return path;
    }

    // What the official trainers hold with PREC fp16 (the default configs): MaPLe's ctx and proj, IVLP's ctx, CoOp's ctx,
    // CoCoOp's ctx and meta-net are F16; MaPLe's compound prompts, every VPT prompt and all of VPT's model are F32.
    private static ScalarType OfficialDType(string method, string name) => method switch
    {
        "maple" => name.StartsWith("prompt_learner.compound_", StringComparison.Ordinal) ? ScalarType.Float32 : ScalarType.Float16,
        "ivlp" or "language_deep" => name == "prompt_learner.ctx" ? ScalarType.Float16 : ScalarType.Float32,
        "coop" or "cocoop" => ScalarType.Float16,
        _ => ScalarType.Float32,
    };
}
