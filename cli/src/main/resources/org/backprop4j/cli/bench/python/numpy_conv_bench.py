#!/usr/bin/env python3
"""The NumPy side of ``backprop4j bench --conv``: cs231n's fast conv and pooling layers, NumPy only.

``backprop4j bench --conv`` extracts this file beside numpy_bench.py (whose greeting and
array encoding it reuses) and the cs231n port reference/ (conv_layers, gradient_check) into a
temporary folder and runs it with OPENBLAS_NUM_THREADS
(and OMP_, MKL_) set to the Java side's thread count.

The layers are ports of cs231n assignment 2's ``fast_layers.py``:
  conv_forward_strides   np.pad, an im2col view by np.lib.stride_tricks.as_strided,
                         np.ascontiguousarray, w.reshape(F, -1).dot(x_cols) + b, then the
                         reshape/transpose to (N, F, Hout, Wout);
  conv_backward_strides  db = dout.sum((0, 2, 3)), dw = dout_reshaped.dot(x_cols.T),
                         dx_cols = w.T.dot(dout_reshaped), and col2im_6d. cs231n compiles
                         col2im_6d with Cython, which is not available here: col2im_6d_numpy
                         below does the same sum with NumPy, one strided slice of the padded dx
                         per filter offset (HH*WW additions of an (N, C, Hout, Wout) block);
  max_pool_forward_reshape / max_pool_backward_reshape
                         the reshape trick for square windows that tile the input.
On start the worker checks every layer against the textbook loops of the conformance kit's
port (reference/conv_layers.py: conv_forward_naive ...) on small random inputs and refuses
to greet (ok=false) if one differs.

    python3 numpy_conv_bench.py worker
        One JSON command per line on stdin, one JSON reply per line on stdout (the first
        line, before any command, is the greeting). Commands ("op"):
          setup   the shapes, conv_param, pool_param and seed, sent by the Java side;
          time    one sample: run a task (conv_forward, conv_backward, max_pool_forward,
                  max_pool_backward) `ops` times in a dtype, reply with the nanoseconds;
          outputs the task's results on its inputs ("out", or "dx", "dw", "db");
          quit.
    python3 numpy_conv_bench.py check
        Only the self-check; prints one JSON line.

The inputs are drawn as the notebook's timing cells draw them: np.random.seed(seed), then
x, w, b, dout = randn(...) for the convolution and x, dout = randn(...) for pooling, in
float64, cast to the task's dtype afterwards (as the Java side does with NumpyRandom).
"""
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # the folder is temporary; leave nothing behind
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy_bench  # noqa: E402  (the greeting, the array encoding and the worker loop; it reports a missing NumPy)

np = numpy_bench.np
if np is not None:
    # the conformance kit's port of the textbook loops, the reference of the self-check
    from reference.conv_layers import (conv_forward_naive, conv_backward_naive, max_pool_forward_naive,  # noqa: E402
                                       max_pool_backward_naive)
    from reference.gradient_check import rel_error  # noqa: E402

TASKS = ('conv_forward', 'conv_backward', 'max_pool_forward', 'max_pool_backward')


# ----------------------------------------------------------------------------- fast_layers.py

def conv_forward_strides(x, w, b, conv_param):
    """fast_layers.conv_forward_strides: im2col by strides, one matrix product."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    stride, pad = conv_param['stride'], conv_param['pad']
    p = pad
    x_padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode='constant')
    H += 2 * pad
    W += 2 * pad
    out_h = (H - HH) // stride + 1
    out_w = (W - WW) // stride + 1
    shape = (C, HH, WW, N, out_h, out_w)
    strides = (H * W, W, 1, C * H * W, stride * W, stride)
    strides = x.itemsize * np.array(strides)
    x_stride = np.lib.stride_tricks.as_strided(x_padded, shape=shape, strides=strides)
    x_cols = np.ascontiguousarray(x_stride)
    x_cols.shape = (C * HH * WW, N * out_h * out_w)
    res = w.reshape(F, -1).dot(x_cols) + b.reshape(-1, 1)
    res.shape = (F, N, out_h, out_w)
    out = res.transpose(1, 0, 2, 3)
    out = np.ascontiguousarray(out)
    cache = (x, w, b, conv_param, x_cols)
    return out, cache


def col2im_6d_numpy(dx_cols, N, C, H, W, HH, WW, pad, stride):
    """col2im_6d without Cython: dx_cols (C, HH, WW, N, Hout, Wout) summed into the padded dx, one offset at a time."""
    _, _, _, _, out_h, out_w = dx_cols.shape
    dx_padded = np.zeros((N, C, H + 2 * pad, W + 2 * pad), dtype=dx_cols.dtype)
    for i in range(HH):
        for j in range(WW):
            dx_padded[:, :, i:i + stride * out_h:stride, j:j + stride * out_w:stride] += \
                dx_cols[:, i, j].transpose(1, 0, 2, 3)
    if pad > 0:
        return dx_padded[:, :, pad:-pad, pad:-pad]
    return dx_padded


def conv_backward_strides(dout, cache):
    """fast_layers.conv_backward_strides, with col2im_6d_numpy for the Cython col2im_6d."""
    x, w, b, conv_param, x_cols = cache
    stride, pad = conv_param['stride'], conv_param['pad']
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, out_h, out_w = dout.shape
    db = np.sum(dout, axis=(0, 2, 3))
    dout_reshaped = dout.transpose(1, 0, 2, 3).reshape(F, -1)
    dw = dout_reshaped.dot(x_cols.T).reshape(w.shape)
    dx_cols = w.reshape(F, -1).T.dot(dout_reshaped)
    dx_cols.shape = (C, HH, WW, N, out_h, out_w)
    dx = col2im_6d_numpy(dx_cols, N, C, H, W, HH, WW, pad, stride)
    return dx, dw, db


def max_pool_forward_reshape(x, pool_param):
    """fast_layers.max_pool_forward_reshape: square windows that tile the input, as two max reductions."""
    N, C, H, W = x.shape
    pool_height, pool_width = pool_param['pool_height'], pool_param['pool_width']
    stride = pool_param['stride']
    assert pool_height == pool_width == stride, 'Invalid pool params'
    assert H % pool_height == 0
    assert W % pool_height == 0
    x_reshaped = x.reshape(N, C, H // pool_height, pool_height, W // pool_width, pool_width)
    out = x_reshaped.max(axis=3).max(axis=4)
    cache = (x, x_reshaped, out)
    return out, cache


def max_pool_backward_reshape(dout, cache):
    """fast_layers.max_pool_backward_reshape: dout broadcast onto the mask of each window's maxima."""
    x, x_reshaped, out = cache
    dx_reshaped = np.zeros_like(x_reshaped)
    out_newaxis = out[:, :, :, np.newaxis, :, np.newaxis]
    mask = (x_reshaped == out_newaxis)
    dout_newaxis = dout[:, :, :, np.newaxis, :, np.newaxis]
    dout_broadcast, _ = np.broadcast_arrays(dout_newaxis, dx_reshaped)
    dx_reshaped[mask] = dout_broadcast[mask]
    dx_reshaped /= np.sum(mask, axis=(3, 5), keepdims=True)
    dx = dx_reshaped.reshape(x.shape)
    return dx


# ----------------------------------------------------------------------------- the self-check

def self_check():
    """The strided and reshape layers against the textbook loops of reference/conv_layers.py on small random
    inputs; returns the worst rel_error."""
    rs = np.random.RandomState(0)
    worst = 0.0
    for (shape, fshape, conv_param) in (((2, 3, 7, 7), (4, 3, 3, 3), {'stride': 2, 'pad': 1}),
                                        ((2, 2, 5, 6), (3, 2, 3, 2), {'stride': 1, 'pad': 1}),
                                        ((1, 2, 5, 5), (2, 2, 3, 3), {'stride': 2, 'pad': 0})):
        x, w, b = rs.randn(*shape), rs.randn(*fshape), rs.randn(fshape[0])
        out, cache = conv_forward_strides(x, w, b, conv_param)
        expected, naive_cache = conv_forward_naive(x, w, b, conv_param)
        dout = rs.randn(*out.shape)
        grads = conv_backward_strides(dout, cache)
        for name, got, want in zip(('out', 'dx', 'dw', 'db'), (out,) + grads,
                                   (expected,) + conv_backward_naive(dout, naive_cache)):
            err = rel_error(got, want)
            assert got.shape == want.shape and err < 1e-9, \
                'conv %s for x %s, w %s, %s differs from the naive loops: %r' % (name, shape, fshape, conv_param, err)
            worst = max(worst, err)
    pool_param = {'pool_height': 2, 'pool_width': 2, 'stride': 2}
    x = rs.randn(2, 3, 4, 6)
    out, cache = max_pool_forward_reshape(x, pool_param)
    expected, naive_cache = max_pool_forward_naive(x, pool_param)
    dout = rs.randn(*out.shape)
    dx = max_pool_backward_reshape(dout, cache)
    for name, got, want in zip(('out', 'dx'), (out, dx), (expected, max_pool_backward_naive(dout, naive_cache))):
        err = rel_error(got, want)
        assert got.shape == want.shape and err < 1e-12, 'max pool %s differs from the naive loops: %r' % (name, err)
        worst = max(worst, err)
    return float(worst)


# ----------------------------------------------------------------------------- the workloads

class Workloads(object):
    """The notebook's timing cells at the shapes the Java side sends; inputs and caches kept between samples."""

    def __init__(self, spec):
        self.spec = spec
        self.live = {}

    def inputs(self, task, dtype):
        s = self.spec
        dt = np.dtype(dtype)
        rs = np.random.RandomState(s['seed'])
        if task.startswith('conv'):
            x = rs.randn(*s['x'])
            w = rs.randn(*s['w'])
            b = rs.randn(s['w'][0])
            dout = rs.randn(*s['dout'])
            conv_param = {'stride': s['stride'], 'pad': s['pad']}
            return {'x': x.astype(dt), 'w': w.astype(dt), 'b': b.astype(dt), 'dout': dout.astype(dt),
                    'conv_param': conv_param}
        if task.startswith('max_pool'):
            x = rs.randn(*s['pool_x'])
            dout = rs.randn(*s['pool_dout'])
            pool_param = {'pool_height': s['pool_height'], 'pool_width': s['pool_width'], 'stride': s['pool_stride']}
            return {'x': x.astype(dt), 'dout': dout.astype(dt), 'pool_param': pool_param}
        raise ValueError('unknown task %r: expected one of %s' % (task, ', '.join(TASKS)))

    def runner(self, task, dtype):
        """A function running the task once; a backward task reuses one forward pass's cache."""
        key = (task, dtype)
        if key not in self.live:
            self.live[key] = self.prepare(task, dtype)
        return self.live[key][0]

    def prepare(self, task, dtype):
        i = self.inputs(task, dtype)
        if task == 'conv_forward':
            return (lambda: conv_forward_strides(i['x'], i['w'], i['b'], i['conv_param'])), i
        if task == 'conv_backward':
            _, cache = conv_forward_strides(i['x'], i['w'], i['b'], i['conv_param'])
            return (lambda: conv_backward_strides(i['dout'], cache)), i
        if task == 'max_pool_forward':
            return (lambda: max_pool_forward_reshape(i['x'], i['pool_param'])), i
        if task == 'max_pool_backward':
            _, cache = max_pool_forward_reshape(i['x'], i['pool_param'])
            return (lambda: max_pool_backward_reshape(i['dout'], cache)), i
        raise ValueError('unknown task %r: expected one of %s' % (task, ', '.join(TASKS)))

    def outputs(self, task, dtype):
        """The task's results on fresh inputs, by the names the notebook prints."""
        run, _ = self.prepare(task, dtype)
        result = run()
        if task in ('conv_forward', 'max_pool_forward'):
            return {'out': result[0]}
        if task == 'conv_backward':
            return dict(zip(('dx', 'dw', 'db'), result))
        return {'dx': result}


# ----------------------------------------------------------------------------- the worker

def encode(a):
    """An array as its first axis by everything else, for numpy_bench's 2-D encoding."""
    a = np.asarray(a)
    return numpy_bench.encode(a.reshape(a.shape[0], -1) if a.ndim > 1 else a)


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
    task, dtype = cmd.get('task'), cmd.get('dtype')
    if op == 'time':
        run = w.runner(task, dtype)
        ops = int(cmd['ops'])
        t0 = time.perf_counter_ns()
        for _ in range(ops):
            run()
        return {'ok': True, 'nanos': time.perf_counter_ns() - t0, 'ops': ops}
    if op == 'outputs':
        return {'ok': True, 'outputs': {k: encode(v) for k, v in w.outputs(task, dtype).items()}}
    raise ValueError('unknown op %r: expected setup, time, outputs or quit' % op)


def greeting():
    hello = numpy_bench.greeting()
    if hello['ok']:
        try:
            hello['self_check'] = self_check()
        except AssertionError as e:
            return {'ok': False, 'error': 'the NumPy conv layers failed their self-check: %s' % e,
                    'python': hello['python']}
    return hello


def worker():
    return numpy_bench.worker(greeting, handle)


def main(argv):
    if len(argv) != 1 or argv[0] not in ('worker', 'check'):
        sys.stderr.write('usage: numpy_conv_bench.py worker | check\n')
        return 2
    if argv[0] == 'worker':
        return worker()
    hello = greeting()
    print(json.dumps(hello))
    return 0 if hello['ok'] else 3


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
