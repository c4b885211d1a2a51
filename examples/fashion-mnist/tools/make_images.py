#!/usr/bin/python3
"""Writes the first N Fashion-MNIST images of a split as 28x28 8-bit grayscale
PNGs, plus a labels CSV.

Usage:
    /usr/bin/python3 tools/make_images.py --out DIR --count N
        [--split test|train] [--digits D] [--labels FILE]

Files are named by zero-padded dataset index: 000.png ... (D digits; default
is the number of digits of N: 200 -> 3, 10000 -> 5). The pixel bytes equal the dataset
bytes exactly, so decoding a PNG and dividing by 255 gives the same tensor as
torchvision.transforms.ToTensor() on it and as tools/fashion_mnist.to_tensor.
The labels CSV has the header file,label,label_name.
"""
import argparse
import csv
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_mnist  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="directory for the PNGs")
    p.add_argument("--count", type=int, required=True, help="number of images (the first N)")
    p.add_argument("--split", choices=["test", "train"], default="test")
    p.add_argument("--digits", type=int, default=None,
                   help="width of the zero-padded index (default: enough for N)")
    p.add_argument("--labels", default=None, help="labels CSV to write (file,label,label_name)")
    p.add_argument("--data-dir", default=fashion_mnist.DEFAULT_DIR)
    args = p.parse_args()

    images, labels = fashion_mnist.load(args.split, args.data_dir)
    if args.count < 1 or args.count > images.shape[0]:
        p.error("--count must be between 1 and %d" % images.shape[0])
    digits = args.digits if args.digits is not None else len(str(args.count))
    if len(str(args.count - 1)) > digits:
        p.error("--digits %d is too small for %d images" % (digits, args.count))

    os.makedirs(args.out, exist_ok=True)
    rows = []
    for i in range(args.count):
        name = "%0*d.png" % (digits, i)
        arr = np.ascontiguousarray(images[i], dtype=np.uint8)
        path = os.path.join(args.out, name)
        Image.fromarray(arr, mode="L").save(path, format="PNG", optimize=True)
        # The PNG must decode to exactly the dataset bytes.
        with Image.open(path) as back:
            if back.mode != "L" or back.size != (28, 28) or not np.array_equal(np.asarray(back), arr):
                raise RuntimeError("%s does not round-trip" % path)
        lbl = int(labels[i])
        rows.append((name, lbl, fashion_mnist.LABEL_NAMES[lbl]))

    if args.labels:
        d = os.path.dirname(args.labels)
        if d:
            os.makedirs(d, exist_ok=True)
        with open(args.labels, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["file", "label", "label_name"])
            w.writerows(rows)
    print("wrote %d PNGs to %s%s" % (args.count, args.out,
                                      (" and labels to %s" % args.labels) if args.labels else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
