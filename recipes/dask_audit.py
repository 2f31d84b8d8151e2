"""Audit an archive on a Dask cluster: NDJSON records in, NDJSON findings out.

    python recipes/dask_audit.py 'archive/*.ndjson' findings/          # local cluster
    python recipes/dask_audit.py 'archive/*.ndjson' findings/ --scheduler tcp://host:8786

Each input line is one record (IPTC ninjs, or {"id", "text", "format"}); each output line is
one finding with its record id. The work per partition is ``newslint.lint_records``, a pure
function, so Dask ships it to the workers; no scheduling code of newslint's own is involved.
The same function runs on Spark:

    rdd = spark.sparkContext.textFile("archive/*.ndjson").map(json.loads)
    rdd.mapPartitions(lambda part: newslint.lint_records(list(part))).map(json.dumps) \\
       .saveAsTextFile("findings/")
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import newslint


def lint_partition(lines: list[str]) -> list[str]:
    """One partition of NDJSON lines in, NDJSON finding lines out (blank lines skipped)."""
    records: list[dict[str, Any]] = [json.loads(line) for line in lines if line.strip()]
    return [json.dumps(row, ensure_ascii=False) for row in newslint.lint_records(records)]


def audit(inputs: str, output: str, scheduler: str | None = None, partitions: int | None = None) -> list[str]:
    """Lint every record of ``inputs`` (a glob of NDJSON files); write findings under ``output``."""
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        bag = db.read_text(inputs, linedelimiter="\n").map(str.rstrip)
        if partitions:
            bag = bag.repartition(partitions)
        return bag.map_partitions(lint_partition).to_textfiles(f"{output.rstrip('/')}/*.ndjson")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", help="glob of NDJSON record files")
    parser.add_argument("output", help="folder for the NDJSON findings")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    parser.add_argument("--partitions", type=int)
    args = parser.parse_args()
    for name in audit(args.inputs, args.output, args.scheduler, args.partitions):
        print(name)


if __name__ == "__main__":
    main()
