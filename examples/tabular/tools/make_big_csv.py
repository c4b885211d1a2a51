#!/usr/bin/python3
"""Repeats the sample rows into one big CSV with unique ids, for the memory test.

Usage (from examples/tabular):
    /usr/bin/python3 tools/make_big_csv.py --out /tmp/big/rows.csv [--mb 300]
        [--rows sample-request/rows.csv]

Copy k of the sample (k = 0, 1, ...) gets ids id + k * 1,000,000, so every id is
unique and (id mod 1,000,000) is the sample row it came from. Stops at the first
whole copy that reaches --mb megabytes (10^6 bytes) or more, cut at a row boundary.
Prints the row count and the size. Do not commit the output.
"""
import argparse
import os
import sys

STRIDE = 1_000_000


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--mb", type=float, default=300)
    p.add_argument("--rows", default=os.path.join(here, "sample-request", "rows.csv"))
    args = p.parse_args()

    with open(args.rows, newline="") as f:
        header = f.readline()
        rows = [line.rstrip("\r\n").split(",", 1) for line in f if line.strip()]
    target = int(args.mb * 1e6)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    written = 0
    count = 0
    with open(args.out, "w", newline="") as out:
        out.write(header)
        written += len(header)
        k = 0
        while written < target:
            chunk = "".join("%d,%s\n" % (int(i) + k * STRIDE, rest) for i, rest in rows)
            out.write(chunk)
            written += len(chunk)
            count += len(rows)
            k += 1
    print("%s: %d rows, %d bytes" % (args.out, count, os.path.getsize(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
