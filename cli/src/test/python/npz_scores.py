"""Loads files written by `backprop4j export --npz` with np.load and computes the class scores from them with
the notebooks' formulas (affine, relu/sigmoid, batchnorm in test mode, cs231n's naive convolution and max
pooling), for NumpyLoadTest.

    python3 npz_scores.py CASE_DIR...

Each CASE_DIR holds model.npz (the export), X.npy (the rows), scores.npy (Java's model.scores of them) and
predict.csv (what `backprop4j predict` wrote for them). Prints one line per case,
"CASE max_abs_diff=... classes_equal=... max_prob_diff=...", and exits 1 if any case disagrees.
"""
import csv
import json
import os
import sys

import numpy as np


def conv_relu_pool(x, w, b):
    """conv_forward_naive (stride 1, pad (HH - 1) // 2), relu, 2x2 max pool of stride 2, as cs231n's layers."""
    n, _, hgt, wid = x.shape
    f, _, hh, ww = w.shape
    pad = (hh - 1) // 2
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((n, f, hgt, wid), dtype=x.dtype)
    for i in range(hgt):
        for j in range(wid):
            window = xp[:, :, i:i + hh, j:j + ww]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + b
    a = np.maximum(0, out)
    return a.reshape(n, f, hgt // 2, 2, wid // 2, 2).max(axis=(3, 5))


def scores(f, X):
    cfg = json.loads(f['model.json'])
    p = {k: f[k] for k in cfg['params']}  # the notebook's model.params
    props = cfg['properties']
    if cfg['kind'] == 'cnn':  # cs231n's ThreeLayerConvNet; W1 is stored (F, C, HH, WW)
        c, hgt, wid = (int(v) for v in props['input_dim'].split(','))
        assert p['W1'].ndim == 4 and p['W1'].shape[1] == c, p['W1'].shape
        pooled = conv_relu_pool(X.reshape(len(X), c, hgt, wid), p['W1'], p['b1'])
        h = np.maximum(0, pooled.reshape(len(X), -1).dot(p['W2']) + p['b2'])
        return h.dot(p['W3']) + p['b3']
    if cfg['kind'] == 'fc':
        n = len(props['hidden_dims'].split(','))
        h = X
        for i in range(1, n + 1):
            a = h.dot(p['W%d' % i]) + p['b%d' % i]
            if props['use_batchnorm'] == 'true':
                bn = cfg['bn_params'][i - 1]
                mean, var = f[bn['running_mean']], f[bn['running_var']]
                eps = float(props['bn_eps'])
                a = p['gamma%d' % i] * ((a - mean) / np.sqrt(var + eps)) + p['beta%d' % i]
            h = np.maximum(0, a)
        return h.dot(p['W%d' % (n + 1)]) + p['b%d' % (n + 1)]
    if props['layout'] == 'OUTPUT_BY_INPUT':  # nndl: W1 (H, D), W2 (C, H)
        return np.maximum(0, X.dot(p['W1'].T) + p['b1']).dot(p['W2'].T) + p['b2']
    a = X.dot(p['W1']) + p['b1']
    h = 1 / (1 + np.exp(-a)) if props['activation'] == 'sigmoid' else np.maximum(0, a)
    return h.dot(p['W2']) + p['b2']


def main(dirs):
    ok = True
    for d in dirs:
        f = np.load(os.path.join(d, 'model.npz'))
        dtype = np.dtype(json.loads(f['model.json'])['dtype'])
        assert all(f[k].dtype == dtype for k in json.loads(f['model.json'])['params']), d
        X = np.load(os.path.join(d, 'X.npy')).astype(dtype)
        s = scores(f, X)
        assert s.dtype == dtype, (s.dtype, dtype)
        java = np.load(os.path.join(d, 'scores.npy'))
        diff = float(np.max(np.abs(s.astype(np.float64) - java)))
        e = np.exp(s - s.max(axis=1, keepdims=True))
        prob = e / e.sum(axis=1, keepdims=True)
        with open(os.path.join(d, 'predict.csv')) as c:
            rows = list(csv.DictReader(c))
        pred = np.argmax(s, axis=1)
        classes = all(int(r['predicted']) == pred[int(r['index'])] for r in rows) and len(rows) == len(X)
        pdiff = max(abs(float(r['probability']) - prob[int(r['index']), int(r['predicted'])]) for r in rows)
        tol = 1e-12 if dtype == np.float64 else 1e-5
        good = diff <= tol * max(1.0, float(np.max(np.abs(java)))) and classes and pdiff <= 5.1e-7 + tol
        ok &= good
        print('%s max_abs_diff=%.3g classes_equal=%s max_prob_diff=%.3g %s' % (os.path.basename(d), diff, classes,
                                                                             pdiff, 'ok' if good else 'DIFFERENT'))
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main(sys.argv[1:])
