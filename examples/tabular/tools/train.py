#!/usr/bin/python3
"""Trains a small classifier on scikit-learn's breast-cancer data set (the CSV that
the Debian package python3-sklearn ships) and exports it for the tabular example.

Usage (from examples/tabular):
    /usr/bin/python3 tools/train.py [--seed S] [--epochs E] [--min-accuracy A]

The model: standardisation (folded into the first layer) -> Linear(30,16) -> ReLU
-> Linear(16,2) -> Softmax. Classes: 0 = malignant, 1 = benign (sklearn's coding).

Writes (paths relative to examples/tabular):
    model/model.onnx               ONNX, input "input" [N,30] float32 (raw, unscaled
                                   features in model/features.txt order), output
                                   "output" [N,2] class probabilities, dynamic batch
    model/features.txt             the 30 feature column names, in input order
    model/classes.txt              the class names, in output order
    model/python-predictions.csv   id,predicted_label,probability for every row,
                                   from the torch model (what the Java scorer must match)
    model/accuracy.txt             held-out accuracy and the training settings
    sample-request/rows.csv        every row: id and the 30 features, no label
    sample-request-labels.csv      id,label (kept out of the request folder)
Exits with status 1 if the held-out accuracy is below --min-accuracy.
"""
import argparse
import csv
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from sklearn.datasets import load_breast_cancer
from torch import nn

ONNX_OPSET = 13
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # examples/tabular


def column_name(feature):
    """'mean radius' -> 'mean_radius'."""
    return feature.strip().replace(" ", "_")


class Classifier(nn.Module):
    def __init__(self, n_features, hidden=16, n_classes=2):
        super().__init__()
        self.hidden = nn.Linear(n_features, hidden)
        self.relu = nn.ReLU()
        self.out = nn.Linear(hidden, n_classes)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):  # x: standardised features
        return self.softmax(self.out(self.relu(self.hidden(x))))


def fold_standardisation(model, mean, std):
    """Returns a copy taking raw features: W' = W / std, b' = b - W' @ mean."""
    folded = Classifier(model.hidden.in_features, model.hidden.out_features, model.out.out_features)
    folded.load_state_dict(model.state_dict())
    with torch.no_grad():
        w = model.hidden.weight / torch.from_numpy(std).float()
        folded.hidden.weight.copy_(w)
        folded.hidden.bias.copy_(model.hidden.bias - w @ torch.from_numpy(mean).float())
    return folded.eval()


def onnx_numpy(onnx_model, x):
    """Runs the exported graph with numpy (no onnxruntime here): Gemm, Relu, Softmax."""
    g = onnx_model.graph
    env = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    env[g.input[0].name] = x
    for node in g.node:
        a = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
        ins = [env[n] for n in node.input]
        if node.op_type == "Gemm":
            A = ins[0].T if a.get("transA", 0) else ins[0]
            B = ins[1].T if a.get("transB", 0) else ins[1]
            out = a.get("alpha", 1.0) * (A @ B)
            if len(ins) > 2:
                out = out + a.get("beta", 1.0) * ins[2]
        elif node.op_type == "Relu":
            out = np.maximum(ins[0], 0)
        elif node.op_type == "Softmax":
            z = ins[0] - ins[0].max(axis=a.get("axis", -1), keepdims=True)
            e = np.exp(z)
            out = e / e.sum(axis=a.get("axis", -1), keepdims=True)
        else:
            raise RuntimeError("numpy check: unsupported ONNX op " + node.op_type)
        env[node.output[0]] = out.astype(np.float32)
    return env[g.output[0].name]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--holdout", type=float, default=0.25, help="share of rows held out for accuracy")
    p.add_argument("--min-accuracy", type=float, default=0.93)
    args = p.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    data = load_breast_cancer()  # reads sklearn/datasets/data/breast_cancer.csv
    x = data.data.astype(np.float64)
    y = data.target.astype(np.int64)
    features = [column_name(f) for f in data.feature_names]
    classes = [str(c) for c in data.target_names]  # ['malignant', 'benign']
    n = x.shape[0]
    ids = np.arange(1, n + 1)

    perm = rng.permutation(n)
    n_test = int(round(n * args.holdout))
    test_idx, train_idx = np.sort(perm[:n_test]), np.sort(perm[n_test:])
    mean = x[train_idx].mean(axis=0)
    std = x[train_idx].std(axis=0)
    std[std == 0] = 1.0

    xs = torch.from_numpy((x - mean) / std).float()
    yt = torch.from_numpy(y)
    model = Classifier(len(features))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-4)
    nll = nn.NLLLoss()
    tr = torch.from_numpy(train_idx)
    for epoch in range(1, args.epochs + 1):  # full-batch: the data set is small
        model.train()
        opt.zero_grad()
        loss = nll(torch.log(model(xs[tr]) + 1e-12), yt[tr])
        loss.backward()
        opt.step()
        if epoch % 100 == 0:
            print("epoch %d loss %.4f" % (epoch, loss.item()))

    folded = fold_standardisation(model.eval(), mean, std)
    x_raw = torch.from_numpy(x).float()
    with torch.no_grad():
        probs = folded(x_raw).numpy()
        probs_std = model(xs).numpy()
    fold_diff = float(np.abs(probs - probs_std).max())
    pred = probs.argmax(axis=1)
    acc = float((pred[test_idx] == y[test_idx]).mean())
    train_acc = float((pred[train_idx] == y[train_idx]).mean())
    print("held-out accuracy %.4f (%d rows), train accuracy %.4f, |folded - standardised| %.2e" % (
        acc, len(test_idx), train_acc, fold_diff))

    model_dir = os.path.join(HERE, "model")
    os.makedirs(model_dir, exist_ok=True)
    onnx_path = os.path.join(model_dir, "model.onnx")
    torch.onnx.export(
        folded, x_raw[:1].clone(), onnx_path,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
        opset_version=ONNX_OPSET, do_constant_folding=True,
    )
    onnx_model = onnx.load(onnx_path)
    onnx.checker.check_model(onnx_model, full_check=True)
    onnx_probs = onnx_numpy(onnx_model, x_raw.numpy())
    onnx_diff = float(np.abs(onnx_probs - probs).max())
    print("onnx ok: opset %d, ops %s; numpy eval vs torch max |diff| %.2e" % (
        onnx_model.opset_import[0].version, [nd.op_type for nd in onnx_model.graph.node], onnx_diff))
    if onnx_diff > 1e-4 or fold_diff > 1e-3:
        print("exported model disagrees with the trained model", file=sys.stderr)
        return 1

    with open(os.path.join(model_dir, "features.txt"), "w") as f:
        f.write("\n".join(features) + "\n")
    with open(os.path.join(model_dir, "classes.txt"), "w") as f:
        f.write("\n".join(classes) + "\n")
    with open(os.path.join(model_dir, "python-predictions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "predicted_label", "probability"])
        for i in range(n):
            w.writerow([ids[i], classes[pred[i]], "%.6f" % probs[i, pred[i]]])
    with open(os.path.join(model_dir, "accuracy.txt"), "w") as f:
        f.write("holdout_accuracy=%.4f\nholdout_rows=%d\ntrain_accuracy=%.4f\n" % (
            acc, len(test_idx), train_acc))
        f.write("seed=%d\nepochs=%d\nlr=%g\nholdout=%g\n" % (args.seed, args.epochs, args.lr, args.holdout))
        f.write("dataset=sklearn breast_cancer.csv (%d rows, %d features)\n" % (n, len(features)))
        f.write("torch=%s\nonnx_opset=%d\n" % (torch.__version__, ONNX_OPSET))

    req_dir = os.path.join(HERE, "sample-request")
    os.makedirs(req_dir, exist_ok=True)
    with open(os.path.join(req_dir, "rows.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"] + features)
        for i in range(n):
            w.writerow([ids[i]] + [repr(float(v)) for v in x[i]])
    with open(os.path.join(HERE, "sample-request-labels.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label"])
        for i in range(n):
            w.writerow([ids[i], classes[y[i]]])

    if acc < args.min_accuracy:
        print("held-out accuracy %.4f is below --min-accuracy %.4f" % (acc, args.min_accuracy), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
