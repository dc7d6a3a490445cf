#!/usr/bin/env python3
"""Sums `perf report --no-children --sort symbol` percentages per kind of operation (Markdown table on stdout).

Rules are regular expressions over symbol names (libtorch kernels, MKL, oneDNN JIT kernels named through
ONEDNN_JIT_PROFILE=2, .NET methods through DOTNET_PerfMapEnabled=1); the first matching rule wins.
"""
import argparse
import re
import sys

RULES = [
    ("matrix products (oneDNN/MKL GEMM, convolution)",
     r"gemm|brgemm|brg_|sgemm|mkl_blas|jit_.*conv|conv_kernel|jit_uni_reorder|jit_.*_copy|jit_avx512_core_.*_kern|inner_product|gemv|dot_"),
    ("attention (softmax, scaled dot-product)", r"flash_attention|scaled_dot_product|softmax|_softmax|attention"),
    ("LayerNorm", r"layer_norm|LayerNorm|RowwiseMoments|rowwise_moments"),
    ("QuickGELU (sigmoid) and exp", r"sigmoid|Sleef_.*exp|__ieee754_exp|expf"),
    ("dtype casts (copy/convert)", r"copy_kernel|copy_|_to_copy|convert|cvt|to_dtype|direct_copy|float_to_bf16|bf16_to_float|BFloat16.*Float|Float.*BFloat16"),
    ("other element-wise (add, mul, div, ...)", r"add_kernel|mul_kernel|div_|sub_kernel|binary|where_kernel|fill_kernel|addcmul|lerp|neg_|exp_kernel|log_softmax|clamp|masked|VectorizedLoop|vectorized_loop|cpu_kernel_vec|basic_loop"),
    ("reductions (sum, mean, norm)", r"reduce|sum_kernel|mean_kernel|norm_kernel|binary_kernel_reduce|cumsum|argmax|max_kernel"),
    ("indexing, cat, layout", r"index|cat_|gather|scatter|permute|transpose|contiguous|as_strided|unfold|im2col|col2im|embedding"),
    ("memory (allocation, memcpy)", r"memcpy|memmove|memset|malloc|free|alloc|memalign|unlink_chunk|_int_|mmap|munmap|cfree|_Sp_counted"),
    ("oneDNN primitive set-up", r"dnnl|ideep"),
    ("autograd and dispatch overhead", r"autograd|Dispatcher|dispatch|OperatorEntry|c10::|at::Tensor|TensorImpl|intrusive_ptr|boxed|THSTensor|THSNN|TorchSharp|VariableType|ADInplaceOrView|Engine::"),
    ("OpenMP / scheduling", r"gomp|GOMP|kmp|__kmp|omp_|sched|futex|finish_task_switch|schedule|pthread"),
    (".NET runtime and managed code", r"\[OptimizedTier|\[Tier|\[PreJIT|\[QuickJitted|\[Optimized\]|coreclr|System\.|MaPLe\.|instance |static |libcoreclr|libclrjit"),
]


KERNEL = "operating system (page faults, interrupts, scheduling)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--title", default="profile")
    parser.add_argument("--log")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    shares = {name: 0.0 for name, _ in RULES}
    shares["other"] = 0.0
    unmatched = {}
    line_re = re.compile(r"^\s*([0-9.]+)%\s+\[([.k])\]\s+(.*?)\s*$")
    for line in open(args.report, encoding="utf-8", errors="replace"):
        m = line_re.match(line)
        if not m:
            continue
        share, symbol = float(m.group(1)), m.group(3)
        if m.group(2) == "k":
            shares.setdefault(KERNEL, 0.0)
            shares[KERNEL] += share
            continue
        for name, pattern in RULES:
            if re.search(pattern, symbol):
                shares[name] += share
                break
        else:
            shares["other"] += share
            unmatched[symbol] = unmatched.get(symbol, 0.0) + share
    print(f"### {args.title}\n")
    if args.log:
        for line in open(args.log, encoding="utf-8"):
            if "CPU-s" in line:
                print(f"- {line.strip()}")
        print()
    print("| kind of operation | share of CPU time |")
    print("|---|---:|")
    for name, share in sorted(shares.items(), key=lambda kv: -kv[1]):
        if share >= 0.05:
            print(f"| {name} | {share:.1f} % |")
    if unmatched:
        print("\nLargest unclassified symbols:", file=sys.stderr)
        for symbol, share in sorted(unmatched.items(), key=lambda kv: -kv[1])[: args.top]:
            print(f"  {share:5.2f} %  {symbol[:160]}", file=sys.stderr)


if __name__ == "__main__":
    main()
