#!/usr/bin/python3
"""Reads the Fashion-MNIST idx .gz files (Debian package dataset-fashion-mnist)
with numpy and gzip; nothing is downloaded."""
import gzip
import os

import numpy as np

DEFAULT_DIR = "/usr/share/datasets/fashion-mnist"

LABEL_NAMES = [
    "T-Shirt", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle Boot",
]

_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


def _read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError("%s: not an unsigned-byte idx file" % path)
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    offset = 4 + 4 * ndim
    arr = np.frombuffer(data, dtype=np.uint8, offset=offset)
    if arr.size != int(np.prod(dims)):
        raise ValueError("%s: size mismatch" % path)
    return arr.reshape(dims)


def load(split, data_dir=DEFAULT_DIR):
    """Returns (images uint8 [N, 28, 28], labels uint8 [N])."""
    if split not in _FILES:
        raise ValueError("split must be 'train' or 'test'")
    img_name, lbl_name = _FILES[split]
    images = _read_idx(os.path.join(data_dir, img_name))
    labels = _read_idx(os.path.join(data_dir, lbl_name))
    if images.shape[0] != labels.shape[0]:
        raise ValueError("image/label count mismatch")
    return images, labels


def to_tensor(images):
    """uint8 [N, 28, 28] -> float32 [N, 1, 28, 28] in [0, 1], computed like
    torchvision.transforms.ToTensor (float32 divide by 255)."""
    import torch
    return torch.from_numpy(np.array(images, dtype=np.uint8, copy=True)).unsqueeze(1).to(torch.float32).div(255)
