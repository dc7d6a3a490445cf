using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// The Kubernetes manifest of a sweep: an Indexed Job with one completion per cell. Kubernetes sets
/// <c>JOB_COMPLETION_INDEX</c> in each pod, which <c>maple run-spec</c> reads. Exit codes 2 and 3 (a bad spec or bad
/// input: retrying cannot help) fail the index at once; other failures are retried up to backoffLimitPerIndex times;
/// pods evicted or preempted do not count as failures (the cell resumes from its checkpoint).
/// </summary>
public static class KubernetesJob
{
    /// <summary>The manifest's file name in a runs folder.</summary>
    public const string FileName = "job.yaml";

    private static readonly JsonSerializerOptions Quote = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The manifest for <paramref name="cellCount"/> cells.</summary>
    public static string Render(EngineOptions options, int cellCount, string gridName)
    {
        var o = options;
        int parallelism = Math.Min(o.Parallelism ?? cellCount, cellCount);
        var y = new StringBuilder();
        void L(string line) => y.Append(line).Append('\n');
        L($"# Kubernetes Indexed Job for sweep {Q(gridName)}: {cellCount} cells, one pod per completion index (written by 'maple sweep').");
        L($"# Every pod runs 'maple run-spec {o.RunsMount}' with JOB_COMPLETION_INDEX (set by Kubernetes) choosing its cell; finished cells");
        L("# are skipped, killed ones resume from their checkpoint. Needs Kubernetes 1.29+ (backoffLimitPerIndex, podFailurePolicy).");
        L($"# The runs folder must be the same ReadWriteMany volume for every pod ({o.RunsClaim}); datasets and weights are mounted read-only.");
        L($"# Submit: kubectl apply -f {FileName}   Tables: maple collect <runs folder>");
        L("apiVersion: batch/v1");
        L("kind: Job");
        L("metadata:");
        L($"  name: {o.JobName}");
        L("  labels:");
        L("    app.kubernetes.io/name: maple-sweep");
        L($"    maple.sweep/grid: {Q(gridName)}");
        L("spec:");
        L("  completionMode: Indexed");
        L(Inv($"  completions: {cellCount}"));
        L(Inv($"  parallelism: {parallelism}"));
        L(Inv($"  backoffLimitPerIndex: {o.RetriesPerCell}"));
        L("  podFailurePolicy:");
        L("    rules:");
        L("      - action: FailIndex  # bad spec or bad input (exit 2 or 3): a retry cannot help");
        L("        onExitCodes:");
        L("          containerName: maple");
        L("          operator: In");
        L(Inv($"          values: [{ExitCodes.Usage}, {ExitCodes.BadInput}]"));
        L("      - action: Ignore  # evicted or preempted: not the cell's fault; it resumes from its checkpoint");
        L("        onPodConditions:");
        L("          - type: DisruptionTarget");
        L("  template:");
        L("    metadata:");
        L("      labels:");
        L("        app.kubernetes.io/name: maple-sweep");
        L("    spec:");
        L("      restartPolicy: Never");
        L("      containers:");
        L("        - name: maple");
        L($"          image: {Q(o.Image)}");
        L($"          command: [\"maple\", \"run-spec\", {Q(o.RunsMount)}]");
        L("          env:");
        L("            - name: OMP_NUM_THREADS");
        L(Inv($"              value: \"{o.CpusPerTask}\""));
        L("          resources:");
        L("            requests:");
        L(Inv($"              cpu: \"{o.CpusPerTask}\""));
        L(Inv($"              memory: {o.MemoryGiB}Gi"));
        L("            limits:");
        L(Inv($"              memory: {o.MemoryGiB}Gi"));
        if (o.Gpu) L("              nvidia.com/gpu: 1  # one GPU per cell: MaPLe trains on one GPU");
        L("          volumeMounts:");
        L("            - name: runs");
        L($"              mountPath: {Q(o.RunsMount)}");
        L("            - name: data");
        L($"              mountPath: {Q(o.DataMount)}");
        L("              readOnly: true");
        L("      volumes:");
        L("        - name: runs");
        L("          persistentVolumeClaim:");
        L($"            claimName: {Q(o.RunsClaim)}");
        L("        - name: data");
        L("          persistentVolumeClaim:");
        L($"            claimName: {Q(o.DataClaim)}");
        L("            readOnly: true");
        return y.ToString();
    }

    /// <summary>A YAML double-quoted scalar (JSON string syntax is valid YAML).</summary>
    internal static string Q(string value) => JsonSerializer.Serialize(value, Quote);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
