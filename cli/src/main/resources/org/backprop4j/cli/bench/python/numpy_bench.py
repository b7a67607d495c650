#!/usr/bin/env python3
"""The NumPy side of ``backprop4j bench``: the Java training step and ``train`` loop, in NumPy.

``backprop4j bench`` extracts this file (with the cs231n port ``reference/`` of
conformance/src/main/python: layers, optim, solver) into a temporary folder and runs it
with OPENBLAS_NUM_THREADS (and OMP_, MKL_) set to the Java side's thread count.

    python3 numpy_bench.py worker
        One JSON command per line on stdin, one JSON reply per line on stdout (the
        first line, before any command, is the greeting). Commands ("op"):
          setup   the workload: shapes, seed, reg, learning rate, weight scales and
                  the step's products (ids, stored shapes, transpose flags), all sent
                  by the Java side so that both build the same data;
          time    one sample: run a task `ops` times, reply with the nanoseconds;
          grads   loss and gradients of a task on fresh data (before any step);
          product the output of one product on its operands;
          quit.
        Arrays travel as {"shape": [rows, cols], "data": base64 of little-endian
        float64}. Every reply has "ok"; a failed command replies ok=false, "error".

    python3 numpy_bench.py train --images F --labels F --train 8000 --val 1000 ...
        The default ``backprop4j train``: cs231n's Solver with sgd_momentum on the
        bundled digits, the two-layer net below; prints one JSON line of results.

The data are drawn with ``np.random.RandomState(seed)`` in the order the Java side
draws them with NumpyRandom (its port of RandomState), so both see the same numbers.
The step mirrors models' TwoLayerNet.loss and FullyConnectedNet.loss operation for
operation (cs231n's layers; the first layer computes no input gradient, as in Java).
"""
import sys
import time

STARTED = time.perf_counter()
sys.dont_write_bytecode = True  # the folder is temporary; leave nothing behind

import argparse  # noqa: E402
import base64  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import traceback  # noqa: E402

try:
    import numpy as np
    NUMPY_ERROR = None
except ImportError as e:  # reported in the greeting, so Java can say why NumPy is absent
    np = None
    NUMPY_ERROR = '%s: %s' % (type(e).__name__, e)

if np is not None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from reference.layers import affine_forward, affine_backward, relu_forward, relu_backward, softmax_loss  # noqa: E402
    from reference.solver import Solver  # noqa: E402


# ----------------------------------------------------------------------------- the step

def affine_backward_weights(dout, cache):
    """affine_backward without dx: the first layer's input gradient is not needed (Java skips it)."""
    x, w, b = cache
    db = np.sum(dout, axis=0)
    dw = np.dot(x.reshape((x.shape[0], -1)).T, dout)
    return dw, db


def two_layer_scores(p, X):
    """models' TwoLayerNet forward: affine - relu - affine, with the caches."""
    a1, fc1 = affine_forward(X, p['W1'], p['b1'])
    hidden, relu = relu_forward(a1)
    scores, fc2 = affine_forward(hidden, p['W2'], p['b2'])
    return scores, (fc1, relu, fc2)


def two_layer_loss(p, X, y, reg):
    """models' TwoLayerNet.loss (cs231n neural_net.py): softmax loss + reg * sum(W*W) on W1 then W2."""
    scores, (fc1, relu, fc2) = two_layer_scores(p, X)
    loss, dscores = softmax_loss(scores, y)
    loss = loss + reg * np.sum(p['W1'] * p['W1']) + reg * np.sum(p['W2'] * p['W2'])
    dhidden, dW2, db2 = affine_backward(dscores, fc2)
    da1 = relu_backward(dhidden, relu)
    dW1, db1 = affine_backward_weights(da1, fc1)
    dW1 += 2 * reg * p['W1']
    dW2 += 2 * reg * p['W2']
    return loss, {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}


def fc_scores(p, X, layers):
    """models' FullyConnectedNet forward without batchnorm or dropout: {affine - relu} x (L-1) - affine."""
    h = X
    caches = []
    for i in range(1, layers):
        a, fc = affine_forward(h, p['W%d' % i], p['b%d' % i])
        h, relu = relu_forward(a)
        caches.append((fc, relu))
    scores, last = affine_forward(h, p['W%d' % layers], p['b%d' % layers])
    return scores, caches, last


def fc_loss(p, X, y, reg, layers):
    """models' FullyConnectedNet.loss (nndl fc_net.py): 0.5 * reg * sum(W*W) from layer L down to 1."""
    scores, caches, last = fc_scores(p, X, layers)
    loss, dscores = softmax_loss(scores, y)
    for i in range(layers, 0, -1):
        loss += 0.5 * reg * np.sum(p['W%d' % i] * p['W%d' % i])
    grads = {}
    if layers > 1:
        dh, grads['W%d' % layers], grads['b%d' % layers] = affine_backward(dscores, last)
    else:
        grads['W1'], grads['b1'] = affine_backward_weights(dscores, last)
    for i in range(layers - 1, 0, -1):
        fc, relu = caches[i - 1]
        da = relu_backward(dh, relu)
        if i > 1:
            dh, grads['W%d' % i], grads['b%d' % i] = affine_backward(da, fc)
        else:
            grads['W%d' % i], grads['b%d' % i] = affine_backward_weights(da, fc)
    for i in range(1, layers + 1):
        grads['W%d' % i] += reg * p['W%d' % i]
    return loss, grads


def sgd_step(p, grads, learning_rate):
    """W -= learning_rate * dW for every parameter, in the parameters' order (optim.sgd)."""
    for name, w in p.items():
        w -= learning_rate * grads[name]


# ----------------------------------------------------------------------------- the workloads

def two_layer_params(rs, d, h, c, std, dtype):
    """cs231n TwoLayerNet.__init__: W1 = std * randn(D, H), W2 = std * randn(H, C), zero biases."""
    W1 = std * rs.randn(d, h)
    W2 = std * rs.randn(h, c)
    return {'W1': W1.astype(dtype), 'b1': np.zeros(h, dtype), 'W2': W2.astype(dtype), 'b2': np.zeros(c, dtype)}


def fc_params(rs, dims, weight_scale, dtype):
    """fc_net.py FullyConnectedNet.__init__: Wi = normal(0, weight_scale, shape) in layer order, zero biases."""
    p = {}
    for i in range(len(dims) - 1):
        p['W%d' % (i + 1)] = rs.normal(0, weight_scale, (dims[i], dims[i + 1])).astype(dtype)
        p['b%d' % (i + 1)] = np.zeros(dims[i + 1], dtype)
    return p


class Workloads(object):
    """What the Java side's BenchmarkRunner times, built from the same seed in the same draw order."""

    def __init__(self, spec):
        self.spec = spec
        self.products = {p['id']: p for p in spec['products']}
        self.live = {}

    def build(self, task, dtype, product=None):
        s = self.spec
        dt = np.dtype(dtype)
        rs = np.random.RandomState(s['seed'])
        n, d, h, c = s['n'], s['d'], s['h'], s['c']
        if task == 'product':
            p = self.products[product]
            a = rs.randn(*p['a']).astype(dt)
            b = rs.randn(*p['b']).astype(dt)
            return {'a': a.T if p['trans_a'] else a, 'b': b.T if p['trans_b'] else b,
                    'out': np.zeros((p['m'], p['n']), dt)}
        if task == 'iteration':
            params = two_layer_params(rs, d, h, c, s['std'], dt)
        elif task == 'fc_iteration':
            params = fc_params(rs, [d] + list(s['fc_hidden']) + [c], s['weight_scale'], dt)
        else:
            raise ValueError('unknown task %r: expected product, iteration or fc_iteration' % task)
        X = rs.randn(n, d).astype(dt)
        y = rs.randint(c, size=n)
        return {'params': params, 'X': X, 'y': y}

    def loss(self, task, w):
        s = self.spec
        if task == 'iteration':
            return two_layer_loss(w['params'], w['X'], w['y'], s['reg'])
        return fc_loss(w['params'], w['X'], w['y'], s['reg'], len(s['fc_hidden']) + 1)

    def runner(self, task, dtype, product=None):
        """A function running the task once, on data kept between samples (as Java keeps its own)."""
        key = (task, dtype, product)
        if key not in self.live:
            self.live[key] = self.build(task, dtype, product)
        w = self.live[key]
        if task == 'product':
            a, b, out = w['a'], w['b'], w['out']
            return lambda: np.dot(a, b, out=out)
        lr = self.spec['learning_rate']

        def step():
            loss, grads = self.loss(task, w)
            sgd_step(w['params'], grads, lr)
        return step


# ----------------------------------------------------------------------------- the worker

def encode(a):
    a = np.asarray(a, dtype='<f8')
    shape = [a.shape[0], a.shape[1]] if a.ndim == 2 else [1, a.size]
    return {'shape': shape, 'data': base64.b64encode(np.ascontiguousarray(a).tobytes()).decode('ascii')}


def blas_info():
    try:
        cfg = np.show_config(mode='dicts')
        blas = cfg['Build Dependencies']['blas']
        return '%s %s' % (blas.get('name', '?'), blas.get('version', '?'))
    except Exception:  # older NumPy: no mode='dicts'
        return 'unknown'


def greeting():
    if np is None:
        return {'ok': False, 'error': 'NumPy cannot be imported (%s)' % NUMPY_ERROR, 'python': platform.python_version()}
    return {'ok': True, 'python': platform.python_version(), 'numpy': np.__version__, 'blas': blas_info(),
            'threads': os.environ.get('OPENBLAS_NUM_THREADS', '')}


def handle(cmd, state):
    op = cmd.get('op')
    if op == 'setup':
        state['w'] = Workloads(cmd['spec'])
        return {'ok': True}
    if op == 'quit':
        return {'ok': True, 'bye': True}
    w = state.get('w')
    if w is None:
        raise ValueError("no workload yet: send 'setup' first")
    task, dtype, product = cmd.get('task'), cmd.get('dtype'), cmd.get('id')
    if op == 'time':
        run = w.runner(task, dtype, product)
        ops = int(cmd['ops'])
        t0 = time.perf_counter_ns()
        for _ in range(ops):
            run()
        return {'ok': True, 'nanos': time.perf_counter_ns() - t0, 'ops': ops}
    if op == 'grads':
        fresh = w.build(task, dtype)
        loss, grads = w.loss(task, fresh)
        return {'ok': True, 'loss': float(loss), 'grads': {k: encode(grads[k]) for k in fresh['params']}}
    if op == 'product':
        fresh = w.build('product', dtype, product)
        np.dot(fresh['a'], fresh['b'], out=fresh['out'])
        return {'ok': True, 'out': encode(fresh['out'])}
    raise ValueError('unknown op %r: expected setup, time, grads, product or quit' % op)


def worker(hello_fn=None, handle_fn=None):
    """The worker loop: the greeting, then one JSON command per line in and one reply per line out.
    numpy_conv_bench.py runs it with its own greeting and handler."""
    hello_fn = hello_fn or greeting
    handle_fn = handle_fn or handle
    out = sys.stdout
    hello = hello_fn()
    out.write(json.dumps(hello) + '\n')
    out.flush()
    if not hello['ok']:
        return 3
    state = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = handle_fn(json.loads(line), state)
        except Exception as e:  # one failed command does not end the worker
            reply = {'ok': False, 'error': '%s: %s' % (type(e).__name__, e), 'trace': traceback.format_exc(limit=3)}
        out.write(json.dumps(reply) + '\n')
        out.flush()
        if reply.get('bye'):
            break
    return 0


# ----------------------------------------------------------------------------- train

def read_idx(path, magic):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    if int.from_bytes(data[0:4], 'big') != magic:
        raise ValueError('%s is not an IDX file with magic %#x' % (path, magic))
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape[0], -1)


class TwoLayerNet(object):
    """models' TwoLayerNet for the Solver: the model's own reg (Java's setReg), scores when y is None."""

    def __init__(self, d, h, c, std, reg, dtype):
        self.params = two_layer_params(np.random, d, h, c, std, dtype)
        self.reg = reg

    def loss(self, X, y=None):
        if y is None:
            return two_layer_scores(self.params, X)[0]
        return two_layer_loss(self.params, X, y, self.reg)


def train(argv):
    ap = argparse.ArgumentParser(prog='numpy_bench.py train')
    for name in ('--images', '--labels'):
        ap.add_argument(name, required=True)
    for name in ('--train', '--val', '--test', '--hidden', '--epochs', '--batch-size', '--num-train-samples', '--seed'):
        ap.add_argument(name, type=int, required=True)
    for name in ('--lr', '--lr-decay', '--reg', '--weight-scale'):
        ap.add_argument(name, type=float, required=True)
    ap.add_argument('--momentum', type=float, help="sgd_momentum's momentum (default: the rule's own)")
    ap.add_argument('--classes', type=int, required=True)
    ap.add_argument('--update', required=True)
    ap.add_argument('--dtype', required=True)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    dt = np.dtype(a.dtype)
    X = (read_idx(a.images, 0x803).astype(np.float64) / 255).astype(dt)  # pixels / 255, as Java's Datasets
    y = read_idx(a.labels, 0x801).reshape(-1).astype(np.int64)
    tr, va, te = a.train, a.train + a.val, a.train + a.val + a.test
    data = {'X_train': X[:tr], 'y_train': y[:tr], 'X_val': X[tr:va], 'y_val': y[tr:va]}
    np.random.seed(a.seed)
    model = TwoLayerNet(X.shape[1], a.hidden, a.classes, a.weight_scale, a.reg, dt)
    t1 = time.perf_counter()
    optim_config = {'learning_rate': a.lr}
    if a.momentum is not None:
        optim_config['momentum'] = a.momentum
    solver = Solver(model, data, update_rule=a.update, optim_config=optim_config,
                    lr_decay=a.lr_decay, batch_size=a.batch_size, num_epochs=a.epochs,
                    num_train_samples=a.num_train_samples, verbose=False)
    solver.train()
    t2 = time.perf_counter()
    test_acc = float(np.mean(np.argmax(model.loss(X[va:te]), axis=1) == y[va:te]))
    print(json.dumps({'ok': True, 'start_seconds': t0 - STARTED, 'load_seconds': t1 - t0, 'train_seconds': t2 - t1,
                      'iterations': len(solver.loss_history), 'final_loss': float(solver.loss_history[-1]),
                      'best_val_acc': float(solver.best_val_acc), 'test_acc': test_acc}))
    return 0


def main(argv):
    if len(argv) < 1 or argv[0] not in ('worker', 'train'):
        sys.stderr.write('usage: numpy_bench.py worker | train --images F --labels F ...\n')
        return 2
    if argv[0] == 'worker':
        return worker()
    if np is None:
        print(json.dumps(greeting()))
        return 3
    return train(argv[1:])


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
