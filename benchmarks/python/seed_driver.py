#!/usr/bin/python3
"""A local stand-in for the managed batch driver around seed_score.py, used as
the Python baseline of the end-to-end comparison.

Usage:
    /usr/bin/python3 benchmarks/python/seed_driver.py --model DIR --input DIR
        --output FILE [--processes 2] [--mini-batch-size 10]
        [--labels CSV] [--start-method spawn|fork|forkserver]

Lists the files of --input (sorted by name), cuts the list into mini-batches,
and scores them over a multiprocessing Pool of --processes workers; each
worker sets torch.set_num_threads(1) and AZUREML_MODEL_DIR=--model, then calls
seed_score.init() once. The rows that run() returns are written to --output in
input order, one per line. With --labels (file,label,label_name CSV, as
examples/fashion-mnist/sample-request-labels.csv) it prints the accuracy.
The last line printed is always wall_s=<seconds>: from before the pool starts
(so worker start-up and init() are included) to after --output is written.
"""
import argparse
import csv
import multiprocessing
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def _worker_init(model_dir):
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    os.environ['AZUREML_MODEL_DIR'] = model_dir
    import torch
    torch.set_num_threads(1)
    import seed_score
    seed_score.init()


def _worker_run(mini_batch):
    import seed_score
    return seed_score.run(mini_batch)


def main():
    t0 = time.perf_counter()
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--model', required=True, help='folder holding weights.pth')
    p.add_argument('--input', required=True, help='folder of images')
    p.add_argument('--output', required=True, help='predictions file to write')
    p.add_argument('--processes', type=int, default=2)
    p.add_argument('--mini-batch-size', type=int, default=10)
    p.add_argument('--labels', default=None, help='labels CSV to check the rows against')
    p.add_argument('--start-method', choices=['spawn', 'fork', 'forkserver'], default='spawn')
    args = p.parse_args()

    model_dir = os.path.abspath(args.model)
    if not os.path.isfile(os.path.join(model_dir, 'weights.pth')):
        p.error('no weights.pth in %s' % model_dir)
    input_dir = os.path.abspath(args.input)
    files = sorted(os.path.join(input_dir, f) for f in os.listdir(input_dir)
                   if os.path.isfile(os.path.join(input_dir, f)))
    if not files:
        p.error('no files in %s' % input_dir)
    size = args.mini_batch_size
    batches = [files[i:i + size] for i in range(0, len(files), size)]

    ctx = multiprocessing.get_context(args.start_method)
    with ctx.Pool(processes=args.processes, initializer=_worker_init, initargs=(model_dir,)) as pool:
        results = pool.map(_worker_run, batches, chunksize=1)

    rows = [row for result in results for row in result]
    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)
    with open(args.output, 'w') as f:
        for row in rows:
            f.write('%s\n' % row)
    wall = time.perf_counter() - t0

    print('files=%d mini_batches=%d processes=%d rows=%d' % (len(files), len(batches), args.processes, len(rows)))
    if args.labels:
        with open(args.labels, newline='') as f:
            truth = {r['file']: r['label_name'] for r in csv.DictReader(f)}
        correct = checked = 0
        for row in rows:
            name, _, label = row.partition(': ')
            if name in truth:
                checked += 1
                correct += truth[name] == label
        print('accuracy=%.4f (%d/%d rows with a label)' % (correct / max(checked, 1), correct, checked))
    print('wall_s=%.3f' % wall)
    return 0


if __name__ == '__main__':
    sys.exit(main())
