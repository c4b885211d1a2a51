#!/usr/bin/python3
"""Trains the seed's NeuralNetwork on Fashion-MNIST and exports it.

Usage:
    /usr/bin/python3 tools/train.py --out DIR [--seed S] [--epochs E]
        [--lr LR] [--batch-size B] [--optimizer adam|sgd] [--min-accuracy A]

Writes into DIR:
    weights.pth              torch.save(model.state_dict())
    model.onnx               ONNX, input "input" [N,1,28,28] float32,
                             output "output" [N,10] (logits), dynamic batch
    model.pt                 TorchScript (torch.jit.script(model).save)
    python-predictions.csv   index,label,predicted for the 10,000 test images
    accuracy.txt             test accuracy and the training settings
Exits with status 1 if the final test accuracy is below --min-accuracy.
"""
import argparse
import csv
import os
import random
import sys
import time

import numpy as np
import onnx
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_mnist  # noqa: E402
from neural_network import NeuralNetwork  # noqa: E402

ONNX_OPSET = 13


def evaluate(model, x, batch=1000):
    model.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            preds.append(model(x[i:i + batch]).argmax(dim=1))
    return torch.cat(preds)


def onnx_numpy_logits(onnx_model, x):
    """Runs the exported graph with numpy (no onnxruntime here); supports just
    the ops torch emits for this model: Flatten, Gemm, Relu (and MatMul/Add)."""
    from onnx import numpy_helper
    g = onnx_model.graph
    env = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    env[g.input[0].name] = x
    for node in g.node:
        a = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
        ins = [env[n] for n in node.input]
        if node.op_type == "Flatten":
            ax = a.get("axis", 1)
            out = ins[0].reshape(int(np.prod(ins[0].shape[:ax])), -1)
        elif node.op_type == "Gemm":
            A, B = ins[0], ins[1]
            if a.get("transA", 0):
                A = A.T
            if a.get("transB", 0):
                B = B.T
            out = a.get("alpha", 1.0) * (A @ B)
            if len(ins) > 2:
                out = out + a.get("beta", 1.0) * ins[2]
        elif node.op_type == "Relu":
            out = np.maximum(ins[0], 0)
        elif node.op_type == "MatMul":
            out = ins[0] @ ins[1]
        elif node.op_type == "Add":
            out = ins[0] + ins[1]
        else:
            raise RuntimeError("numpy check: unsupported ONNX op " + node.op_type)
        env[node.output[0]] = out.astype(np.float32)
    return env[g.output[0].name]


def main():
    # TorchScript serialises some constant sets in hash order; a fixed hash
    # seed makes model.pt byte-identical from run to run.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    p.add_argument("--min-accuracy", type=float, default=0.84)
    p.add_argument("--threads", type=int, default=1,
                   help="torch threads (1 keeps float results identical across machines)")
    p.add_argument("--data-dir", default=fashion_mnist.DEFAULT_DIR)
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)

    train_img, train_lbl = fashion_mnist.load("train", args.data_dir)
    test_img, test_lbl = fashion_mnist.load("test", args.data_dir)
    x_train = fashion_mnist.to_tensor(train_img)
    y_train = torch.from_numpy(train_lbl.astype(np.int64))
    x_test = fashion_mnist.to_tensor(test_img)
    y_test = torch.from_numpy(test_lbl.astype(np.int64))
    print("train %s test %s" % (tuple(x_train.shape), tuple(x_test.shape)))

    model = NeuralNetwork()
    loss_fn = nn.CrossEntropyLoss()
    if args.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    gen = torch.Generator().manual_seed(args.seed)

    t0 = time.time()
    n = x_train.shape[0]
    acc = 0.0
    for epoch in range(1, args.epochs + 1):
        model.train()
        perm = torch.randperm(n, generator=gen)
        total_loss = 0.0
        for i in range(0, n, args.batch_size):
            idx = perm[i:i + args.batch_size]
            opt.zero_grad()
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
            total_loss += loss.item() * idx.shape[0]
        pred = evaluate(model, x_test)
        acc = (pred == y_test).float().mean().item()
        print("epoch %d loss %.4f test_accuracy %.4f (%.1fs)" % (epoch, total_loss / n, acc, time.time() - t0))

    model.eval()
    pred = evaluate(model, x_test)
    correct = int((pred == y_test).sum().item())
    acc = correct / x_test.shape[0]
    print("final test_accuracy %.4f (%d/%d)" % (acc, correct, x_test.shape[0]))

    os.makedirs(args.out, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(args.out, "weights.pth"))

    dummy = x_test[:1].clone()
    onnx_path = os.path.join(args.out, "model.onnx")
    torch.onnx.export(
        model, dummy, onnx_path,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
        opset_version=ONNX_OPSET, do_constant_folding=True,
    )
    onnx_model = onnx.load(onnx_path)
    onnx.checker.check_model(onnx_model, full_check=True)
    print("onnx ok: opset %d, inputs %s, outputs %s" % (
        onnx_model.opset_import[0].version,
        [i.name for i in onnx_model.graph.input],
        [o.name for o in onnx_model.graph.output]))

    with torch.no_grad():
        logits = model(x_test).numpy()
    onnx_logits = onnx_numpy_logits(onnx_model, x_test.numpy())
    onnx_diff = float(np.abs(onnx_logits - logits).max())
    onnx_agree = int((onnx_logits.argmax(axis=1) == pred.numpy()).sum())
    print("onnx (numpy eval) vs torch: max |logit diff| %.2e, argmax agree %d/%d" % (
        onnx_diff, onnx_agree, len(pred)))

    pt_path = os.path.join(args.out, "model.pt")
    torch.jit.script(model).save(pt_path)
    loaded = torch.jit.load(pt_path)
    loaded.eval()
    with torch.no_grad():
        ts_logits = loaded(x_test).numpy()
    ts_diff = float(np.abs(ts_logits - logits).max())
    ts_agree = int((ts_logits.argmax(axis=1) == pred.numpy()).sum())
    print("torchscript (reloaded) vs torch: max |logit diff| %.2e, argmax agree %d/%d" % (
        ts_diff, ts_agree, len(pred)))
    if onnx_diff > 1e-3 or ts_diff > 1e-3:
        print("exported models disagree with the trained model", file=sys.stderr)
        return 1

    with open(os.path.join(args.out, "python-predictions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["index", "label", "predicted"])
        for i, (lbl, pr) in enumerate(zip(y_test.tolist(), pred.tolist())):
            w.writerow([i, lbl, pr])

    with open(os.path.join(args.out, "accuracy.txt"), "w") as f:
        f.write("test_accuracy=%.4f\n" % acc)
        f.write("correct=%d\n" % correct)
        f.write("total=%d\n" % x_test.shape[0])
        f.write("seed=%d\nepochs=%d\noptimizer=%s\nlr=%g\nbatch_size=%d\n" % (
            args.seed, args.epochs, args.optimizer, args.lr, args.batch_size))
        f.write("torch=%s\nonnx_opset=%d\n" % (torch.__version__, ONNX_OPSET))

    if acc < args.min_accuracy:
        print("test accuracy %.4f is below --min-accuracy %.4f" % (acc, args.min_accuracy), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
