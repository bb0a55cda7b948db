#!/usr/bin/env python3
"""whosaid as Spark stages: extraction and indexing on executors, shards merged into one index.

Reads JSON Lines articles (.jsonl, .jsonl.gz; local paths or any URI Spark reads), repartitions
them into N partitions and pipes each partition through the whosaid binary on its executor:

  index    `whosaid index - --index SHARD` per partition, then `whosaid merge SHARD... --index
           OUT` on the driver. Shards go under --shards (default OUT.shards), which must be a
           directory the executors and the driver share (one machine, or a shared mount).
  extract  `whosaid extract - --json` per partition; statements written as JSON Lines (a
           directory of part files) or Parquet, for analysis in Spark itself.

The binary is found as --whosaid says: an absolute path, a file shipped with spark-submit
--files (found by its name with SparkFiles), or a command on each node's PATH.

  python whosaid_spark.py index data/*.jsonl.gz --index news-idx --partitions 8 --master 'local[*]'
  spark-submit --files target/release/whosaid whosaid_spark.py index hdfs:///news/*.jsonl.gz \\
      --index /shared/news-idx --shards /shared/news-shards --partitions 64

Prints a JSON summary on stdout: per shard its articles, statements, wall and CPU seconds and
peak memory of the whosaid process, and the merge's own time. Exits 2 when a shard or the merge
fails.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time


def resolve_binary(name):
    """The whosaid binary on this node: an absolute path, a file shipped with --files, or PATH."""
    if os.path.isabs(name):
        return name
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(name))
        if os.path.isfile(shipped):
            if not os.access(shipped, os.X_OK):
                os.chmod(shipped, 0o755)
            return shipped
    except Exception:  # no SparkContext here, or nothing shipped: look further
        pass
    if os.path.sep in name and os.path.isfile(name):
        return os.path.abspath(name)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(
            f"whosaid binary '{name}' not found: pass --whosaid PATH, ship it with "
            "spark-submit --files, or install it on every node"
        )
    return found


class Piped:
    """A whosaid process fed lines on stdin from a thread, waited for with its resource usage."""

    def __init__(self, argv, lines):
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.started = time.monotonic()
        self.stderr = []
        self._feeder = threading.Thread(target=self._feed, args=(lines,), daemon=True)
        self._errs = threading.Thread(target=self._read_errors, daemon=True)
        self._feeder.start()
        self._errs.start()

    def _feed(self, lines):
        try:
            for line in lines:
                self.proc.stdin.write(line.encode("utf-8", "replace"))
                self.proc.stdin.write(b"\n")
        except BrokenPipeError:
            pass
        finally:
            try:
                self.proc.stdin.close()
            except BrokenPipeError:
                pass

    def _read_errors(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace").rstrip("\n"))

    def stdout_lines(self):
        for line in self.proc.stdout:
            yield line.decode("utf-8", "replace").rstrip("\n")

    def wait(self):
        """Waits for the process; returns its exit code, wall and CPU seconds, peak RSS in MB."""
        self._feeder.join()
        self._errs.join()
        _, status, usage = os.wait4(self.proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        self.proc.returncode = code
        return {
            "code": code,
            "wall_s": round(time.monotonic() - self.started, 3),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        }


def index_partition(binary, shards, extra):
    """The function each partition runs in `index` mode: one shard, one JSON result."""

    def run(index, lines):
        shard = os.path.join(shards, f"shard-{index:05d}")
        argv = [resolve_binary(binary), "index", "-", "--index", shard, "--rebuild"]
        argv += ["--quiet", "--json"] + extra
        piped = Piped(argv, lines)
        out = list(piped.stdout_lines())
        result = piped.wait()
        summary = json.loads(out[-1]) if out else {}
        result.update(
            shard=shard,
            partition=index,
            articles=summary.get("articles", 0),
            statements=summary.get("statements", 0),
            skipped=summary.get("skipped", 0),
            text_mb=round(summary.get("text_bytes", 0) / 1e6, 1),
            stderr=piped.stderr[-20:],
        )
        yield json.dumps(result)

    return run


def extract_partition(binary, extra):
    """The function each partition runs in `extract` mode: statements as JSON lines."""

    def run(lines):
        argv = [resolve_binary(binary), "extract", "-", "--json"] + extra
        piped = Piped(argv, lines)
        yield from piped.stdout_lines()
        result = piped.wait()
        if result["code"] not in (0, 1):
            raise RuntimeError(f"whosaid extract failed: {piped.stderr[-5:]}")

    return run


def spark_session(args):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(f"whosaid-{args.mode}")
    if args.master:
        builder = builder.master(args.master)
    # Each executor's memory is mostly whosaid's own, outside the JVM.
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


def read_lines(spark, inputs, partitions):
    """The input's lines (gzip'd files are read whole by one task each), in N partitions."""
    rdd = spark.sparkContext.textFile(",".join(inputs))
    return rdd.repartition(partitions)


def run_index(args, extra):
    out = os.path.abspath(args.index)
    shards = os.path.abspath(args.shards or out + ".shards")
    os.makedirs(shards, exist_ok=True)
    spark = spark_session(args)
    started = time.monotonic()
    try:
        lines = read_lines(spark, args.inputs, args.partitions)
        results = (
            lines.mapPartitionsWithIndex(index_partition(args.whosaid, shards, extra))
            .map(json.loads)
            .collect()
        )
    finally:
        spark.stop()
    shards_s = time.monotonic() - started
    results.sort(key=lambda r: r["partition"])
    failed = [r for r in results if r["code"] not in (0, 1)]
    summary = {"shards": results, "shards_wall_s": round(shards_s, 3)}
    if failed:
        summary["error"] = "a shard failed"
        print(json.dumps(summary))
        for r in failed:
            print(f"whosaid_spark: {r['shard']}: exit {r['code']}", file=sys.stderr)
            print("\n".join(r["stderr"]), file=sys.stderr)
        return 2
    # Empty partitions (fewer lines than partitions) write no index.
    dirs = [r["shard"] for r in results if r["articles"] > 0]
    argv = [resolve_binary(args.whosaid), "merge", *dirs, "--index", out, "--rebuild", "--json"]
    merge = Piped(argv, [])
    merged = list(merge.stdout_lines())
    usage = merge.wait()
    summary["merge"] = dict(usage, **(json.loads(merged[-1]) if merged else {}))
    print(json.dumps(summary))
    if usage["code"] not in (0, 1):
        print("\n".join(merge.stderr), file=sys.stderr)
        return 2
    if not args.keep_shards:
        shutil.rmtree(shards, ignore_errors=True)
    arts = sum(r["articles"] for r in results)
    stmts = sum(r["statements"] for r in results)
    print(
        f"whosaid_spark: {arts} articles, {stmts} statements in {len(dirs)} shards "
        f"({shards_s:.1f} s), merged into {out} ({usage['wall_s']:.1f} s)",
        file=sys.stderr,
    )
    return 0


def run_extract(args, extra):
    spark = spark_session(args)
    try:
        lines = read_lines(spark, args.inputs, args.partitions)
        statements = lines.mapPartitions(extract_partition(args.whosaid, extra))
        if args.format == "parquet":
            spark.read.json(statements).write.mode("overwrite").parquet(args.output)
        else:
            if os.path.exists(args.output):
                shutil.rmtree(args.output)
            statements.saveAsTextFile(args.output)
    finally:
        spark.stop()
    print(f"whosaid_spark: statements written to {args.output}", file=sys.stderr)
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("mode", choices=["index", "extract"])
    p.add_argument("inputs", nargs="+", help="JSON Lines files or URIs (.jsonl, .jsonl.gz)")
    p.add_argument("--index", help="index mode: the merged index directory")
    p.add_argument("--shards", help="index mode: where shards go (default INDEX.shards)")
    p.add_argument("--keep-shards", action="store_true", help="leave the shards after the merge")
    p.add_argument("--output", help="extract mode: the output directory")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--master", help="Spark master (spark-submit sets it otherwise)")
    p.add_argument("--whosaid", default="whosaid", help="the binary (path, --files name, or PATH)")
    p.add_argument("--memory", type=int, help="index mode: whosaid's indexing memory, MB")
    p.add_argument("--threads", type=int, help="whosaid's extraction threads per partition")
    p.add_argument("--field", action="append", default=[], help="ATTRIBUTE=FIELD, as whosaid's")
    args = p.parse_args(argv)
    extra = [f"--field={f}" for f in args.field]
    if args.threads:
        extra += ["--threads", str(args.threads)] if args.mode == "index" else []
    if args.mode == "index":
        if not args.index:
            p.error("index mode needs --index OUT")
        if args.memory:
            extra += ["--memory", str(args.memory)]
        return run_index(args, extra)
    if not args.output:
        p.error("extract mode needs --output DIR")
    return run_extract(args, extra)


if __name__ == "__main__":
    sys.exit(main())
