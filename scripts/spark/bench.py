#!/usr/bin/env python3
"""Benchmark (not a test): whosaid indexing in one process against the Spark job.

On all of AllSides (../shared/corpora/allsides/*.jsonl.gz by default): one `whosaid index` run,
then whosaid_spark.py with --master local[2] and 2, 4 and 8 partitions. For each: wall time,
CPU-seconds of whosaid's processes (shards and merge; Spark's own JVM is not counted: it is not
a child the kernel reports once waited for), peak RSS of each whosaid executor process, and the merge's own time.
Prints a Markdown table and writes the raw figures to bench-results/spark.json.

  scripts/spark/setup.sh && scripts/spark/.venv/bin/python scripts/spark/bench.py
  scripts/spark/.venv/bin/python scripts/spark/bench.py --partitions 2 4 --inputs a.jsonl.gz
"""

import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(argv):
    """Runs argv; returns (stdout, wall seconds, CPU seconds of it and its waited children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {argv[:3]} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return done.stdout.decode(), wall, cpu, after.ru_maxrss / 1024


def single(binary, inputs, tmp):
    out, wall, cpu, peak = run([binary, "index", *inputs, "--index", f"{tmp}/single", "--quiet", "--json"])
    s = json.loads(out.strip().splitlines()[-1])
    return {
        "run": "one process",
        "wall_s": wall,
        "cpu_s": cpu,
        "whosaid_cpu_s": cpu,
        "peak_rss_mb": [peak],
        "merge_s": None,
        "statements": s["statements"],
        "text_mb": s["text_bytes"] / 1e6,
    }


def spark(python, binary, inputs, tmp, partitions, master):
    argv = [python, os.path.join(HERE, "whosaid_spark.py"), "index", *inputs]
    argv += ["--index", f"{tmp}/spark-{partitions}", "--partitions", str(partitions)]
    argv += ["--master", master, "--whosaid", binary]
    out, wall, cpu, _ = run(argv)
    s = json.loads(out.strip().splitlines()[-1])
    shards, merge = s["shards"], s["merge"]
    return {
        "run": f"{master}, {partitions} partitions",
        "wall_s": wall,
        "cpu_s": cpu,
        "whosaid_cpu_s": sum(r["cpu_s"] for r in shards) + merge["cpu_s"],
        "peak_rss_mb": [r["peak_rss_mb"] for r in shards],
        "merge_s": merge["wall_s"],
        "statements": sum(r["statements"] for r in shards),
        "text_mb": sum(r["text_mb"] for r in shards),
    }


def table(rows, cores):
    print("| run | wall s | CPU s (whosaid) | peak RSS per whosaid process, MB | merge s | statements | MB/s per core |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        peaks = "/".join(f"{p:.0f}" for p in r["peak_rss_mb"])
        merge = "" if r["merge_s"] is None else f"{r['merge_s']:.1f}"
        per_core = r["text_mb"] / r["whosaid_cpu_s"] if r["whosaid_cpu_s"] else 0
        print(
            f"| {r['run']} | {r['wall_s']:.1f} | {r['whosaid_cpu_s']:.1f} | "
            f"{peaks} | {merge} | {r['statements']} | {per_core:.2f} |"
        )
    print(f"\n{cores} cores; MB/s per core = MB of article text / whosaid CPU-seconds: the "
          "throughput an executor core adds.")


def main():
    shared = os.path.join(ROOT, "..", "shared", "corpora", "allsides")
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--inputs", nargs="+", default=sorted(glob.glob(os.path.join(shared, "*.jsonl.gz"))))
    p.add_argument("--partitions", nargs="+", type=int, default=[2, 4, 8])
    p.add_argument("--master", default="local[2]")
    p.add_argument("--whosaid", default=os.path.join(ROOT, "target", "release", "whosaid"))
    args = p.parse_args()
    if not args.inputs:
        sys.exit("bench: no input (../shared/corpora/allsides is absent; pass --inputs)")
    binary = os.path.abspath(args.whosaid)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(single(binary, args.inputs, tmp))
        print(f"bench: {rows[-1]['run']}: {rows[-1]['wall_s']:.1f} s", file=sys.stderr)
        for n in args.partitions:
            rows.append(spark(sys.executable, binary, args.inputs, tmp, n, args.master))
            print(f"bench: {rows[-1]['run']}: {rows[-1]['wall_s']:.1f} s", file=sys.stderr)
    os.makedirs(os.path.join(ROOT, "bench-results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench-results", "spark.json"), "w") as f:
        json.dump(rows, f, indent=1)
    table(rows, os.cpu_count())


if __name__ == "__main__":
    main()
