#!/usr/bin/env python3
"""Generate the JSON reference vectors for the backprop4j Java tests.

Run from anywhere:  python3 conformance/src/main/python/gen_vectors.py
Writes kernels.json into conformance/src/main/resources/org/backprop4j/conformance/vectors/ (the
conformance kit's resource), the other files into it-tests/src/test/resources/vectors/, and prints
what it wrote.
Needs only python3 + NumPy.  Fails loudly (AssertionError) if the port does
not reproduce the numbers printed in the coursework notebooks (the seeds).

See README.md next to this file for the layout of every file.
"""
import sys
sys.dont_write_bytecode = True  # keep the source tree free of __pycache__

import gzip
import importlib
import io
import math
import json
import os
import textwrap

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from reference import layers as L                      # noqa: E402
from reference import optim                            # noqa: E402
from reference.fc_net import FullyConnectedNet, TwoLayerNet as FcTwoLayerNet  # noqa: E402
from reference.gradient_check import (eval_numerical_gradient,       # noqa: E402
                                      eval_numerical_gradient_array, rel_error)
from reference.mlp import TwoLayerMLP                  # noqa: E402
from reference import mt19937 as mt19937_module        # noqa: E402
from reference.mt19937 import LegacyMT19937            # noqa: E402
from reference.neural_net import TwoLayerNet as Cs231nTwoLayerNet, TwoLayerNetHD  # noqa: E402
from reference.solver import Solver                    # noqa: E402

# kernels.json is the conformance kit's (a resource of its jar); the notebook numbers and training runs are
# it-tests' (the project's own models and Solver, not a backend's contract)
KIT_DIR = os.path.normpath(os.path.join(HERE, '..', 'resources', 'org', 'backprop4j', 'conformance', 'vectors'))
IT_DIR = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', 'it-tests', 'src', 'test', 'resources', 'vectors'))
OUT_DIRS = {'kernels.json': KIT_DIR}
GZIP_LIMIT = {'kernels.json': 3_000_000, 'training_trajectories.json': 1_000_000}

REPORT = []   # (what, value) lines printed at the end


def note(what, value):
    REPORT.append((what, float(value) if isinstance(value, (float, np.floating)) else value))


# ----------------------------------------------------------------------------
# JSON helpers
# ----------------------------------------------------------------------------
def j(a):
    """numpy -> JSON-able (nested lists; floats stay full-precision repr)."""
    if isinstance(a, np.ndarray):
        if a.dtype.kind == 'f':
            if not np.all(np.isfinite(a)):
                raise ValueError('non-finite value in vectors')
            return a.astype(np.float64).tolist()   # Python floats: json writes repr (round-trips exactly)
        if a.dtype.kind in 'iu':
            return a.astype(np.int64).tolist()
        if a.dtype.kind == 'b':
            return a.tolist()
        raise TypeError(a.dtype)
    if isinstance(a, (np.floating,)):
        return float(a)
    if isinstance(a, (np.integer,)):
        return int(a)
    if isinstance(a, (np.bool_,)):
        return bool(a)
    if isinstance(a, dict):
        return {k: j(v) for k, v in a.items()}
    if isinstance(a, (list, tuple)):
        return [j(v) for v in a]
    if isinstance(a, float):
        if a != a or a in (float('inf'), float('-inf')):
            raise ValueError('non-finite value in vectors')
        return a
    return a


def params_json(params):
    return {k: j(v) for k, v in params.items()}


def write(name, obj):
    """Write vectors/<name>; gzip (deterministically) when above the limit."""
    out_dir = OUT_DIRS.get(name, IT_DIR)
    os.makedirs(out_dir, exist_ok=True)
    text = json.dumps(j(obj), indent=None, separators=(',', ':'), allow_nan=False) + '\n'
    data = text.encode('utf-8')
    plain = os.path.join(out_dir, name)
    gz = plain + '.gz'
    limit = GZIP_LIMIT.get(name)
    for stale in (plain, gz):
        if os.path.exists(stale):
            os.remove(stale)
    if limit is not None and len(data) > limit:
        buf = io.BytesIO()
        with gzip.GzipFile(filename=name, mode='wb', fileobj=buf, mtime=0, compresslevel=9) as f:
            f.write(data)
        with open(gz, 'wb') as f:
            f.write(buf.getvalue())
        print('wrote %s (%d bytes gzipped, %d bytes JSON)' % (os.path.relpath(gz), len(buf.getvalue()), len(data)))
    else:
        with open(plain, 'wb') as f:
            f.write(data)
        print('wrote %s (%d bytes)' % (os.path.relpath(plain), len(data)))


def recipe(s):
    return textwrap.dedent(s).strip('\n')


def close(a, b, tol, what):
    d = float(np.max(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))))
    assert d <= tol, '%s: |diff| = %r > %r' % (what, d, tol)
    return d


# ============================================================================
# notebook_checks.json
# ============================================================================
TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, TOY_INPUTS = 4, 10, 3, 5


def init_toy_data():
    np.random.seed(1)
    X = 10 * np.random.randn(TOY_INPUTS, TOY_INPUT)
    y = np.array([0, 1, 2, 2, 1])
    return X, y


def numeric_grads(f, params, names):
    out = {}
    for name in names:
        out[name] = eval_numerical_gradient(f, params[name], verbose=False)
    return out


def cs231n_toy():
    def init_toy_model():
        np.random.seed(0)
        return Cs231nTwoLayerNet(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1)

    net = init_toy_model()
    X, y = init_toy_data()
    init = {k: v.copy() for k, v in net.params.items()}
    scores = net.loss(X)
    correct_scores = np.asarray([
        [-0.81233741, -1.27654624, -0.70335995],
        [-0.17129677, -1.18803311, -0.47310444],
        [-0.51590475, -1.01354314, -0.8504215],
        [-0.15419291, -0.48629638, -0.52901952],
        [-0.00618733, -0.12435261, -0.15226949]])
    sdiff = float(np.sum(np.abs(scores - correct_scores)))
    assert sdiff < 1e-7, sdiff
    note('cs231n toy scores: sum|scores - printed| (seed 003 printed 3.6802720745909845e-08)', sdiff)

    res = {'recipe': recipe('''
        # reference/neural_net.py TwoLayerNet (cs231n, W1 (D,H), reg*sum(W*W), grad reg*2*W)
        np.random.seed(0); net = TwoLayerNet(4, 10, 3, std=1e-1)   # W1 = 0.1*randn(4,10), then W2 = 0.1*randn(10,3)
        np.random.seed(1); X = 10 * np.random.randn(5, 4); y = np.array([0, 1, 2, 2, 1])
        scores = net.loss(X)
        for reg in (0.05, 0.1): loss, grads = net.loss(X, y, reg=reg)
        # numeric: for name in grads: eval_numerical_gradient(lambda W: net.loss(X, y, reg=reg)[0], net.params[name], verbose=False)  (h=1e-5)
        '''),
        'X': X, 'y': y, 'params': params_json(init), 'scores': scores,
        'printed_correct_scores': correct_scores, 'scores_abs_diff_sum': sdiff}
    for reg in (0.05, 0.1):
        loss, grads = net.loss(X, y, reg=reg)
        num = numeric_grads(lambda W: net.loss(X, y, reg=reg)[0], net.params, list(grads))
        key = 'reg_%s' % reg
        res[key] = {'reg': reg, 'loss': loss, 'grads': params_json(grads), 'numeric_grads': params_json(num),
                    'rel_errors': {k: rel_error(num[k], grads[k]) for k in grads}}
        for k in grads:
            assert rel_error(num[k], grads[k]) < 1e-7, (k, reg)
    d = abs(res['reg_0.05']['loss'] - 1.30378789133)
    assert d < 1e-12, d
    note('cs231n toy loss reg=0.05 = %r, |diff to printed 1.30378789133| (seed 003 printed 1.7985612998927536e-13)'
         % float(res['reg_0.05']['loss']), d)
    res['printed_loss_reg_0.05'] = 1.30378789133
    # the shifted-softmax variant reproduces the seed's printed difference exactly
    np.random.seed(0)
    alt = Cs231nTwoLayerNet(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1, loss_variant='cs231n')
    res['loss_reg_0.05_cs231n_shifted_variant'] = alt.loss(X, y, reg=0.05)[0]
    return res


def nndl_hd_toy():
    np.random.seed(0)
    net = TwoLayerNetHD(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1)
    X, y = init_toy_data()
    init = {k: v.copy() for k, v in net.params.items()}
    scores = net.loss(X)
    correct_scores = np.asarray([
        [-1.07260209, 0.05083871, -0.87253915],
        [-2.02778743, -0.10832494, -1.52641362],
        [-0.74225908, 0.15259725, -0.39578548],
        [-0.38172726, 0.10835902, -0.17328274],
        [-0.64417314, -0.18886813, -0.41106892]])
    sdiff = float(np.sum(np.abs(scores - correct_scores)))
    assert sdiff < 1e-7, sdiff
    note('nndl (H,D) toy scores: sum|diff| (seed 001 printed 3.381231233889892e-08)', sdiff)
    loss, grads = net.loss(X, y, reg=0.05)
    d = abs(loss - 1.071696123862817)
    assert d < 1e-12, d
    note('nndl (H,D) toy loss reg=0.05 = %r, |diff to printed 1.071696123862817| (seed printed 0.0)' % float(loss), d)
    num = numeric_grads(lambda W: net.loss(X, y, reg=0.05)[0], net.params, list(grads))
    for k in grads:
        assert rel_error(num[k], grads[k]) < 1e-7, k
    return {'recipe': recipe('''
        # reference/neural_net.py TwoLayerNetHD (nndl seed 001: W1 (H,D), W2 (C,H), 0.5*reg)
        np.random.seed(0); net = TwoLayerNetHD(4, 10, 3, std=1e-1)   # W1 = 0.1*randn(10,4), then W2 = 0.1*randn(3,10)
        np.random.seed(1); X = 10 * np.random.randn(5, 4); y = np.array([0, 1, 2, 2, 1])
        scores = net.loss(X); loss, grads = net.loss(X, y, reg=0.05)
        '''),
        'X': X, 'y': y, 'params': params_json(init), 'scores': scores,
        'printed_correct_scores': correct_scores, 'scores_abs_diff_sum': sdiff,
        'reg': 0.05, 'loss': loss, 'printed_loss': 1.071696123862817,
        'grads': params_json(grads), 'numeric_grads': params_json(num),
        'rel_errors': {k: rel_error(num[k], grads[k]) for k in grads}}


def mlp_toy():
    X, y = init_toy_data()
    out = {'recipe': recipe('''
        # reference/mlp.py TwoLayerMLP (seed 002: W1 (D,H), 0.5*reg loss, reg*W grad, /N and np.mean)
        X, y as init_toy_data() (np.random.seed(1); X = 10*randn(5,4); y = [0,1,2,2,1])
        np.random.seed(0); net = TwoLayerMLP(4, 10, 3, std=1e-1, activation=ACT)   # W1 = 0.1*randn(4,10), W2 = 0.1*randn(10,3)
        scores = net.loss(X); loss, grads = net.loss(X, y, reg=0.1)
        '''), 'X': X, 'y': y}
    printed = {'sigmoid': 1.1822479803941373, 'relu': 1.3037878913298202}
    for act in ('sigmoid', 'relu'):
        np.random.seed(0)
        net = TwoLayerMLP(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1, activation=act)
        init = {k: v.copy() for k, v in net.params.items()}
        scores = net.loss(X)
        loss, grads = net.loss(X, y, reg=0.1)
        d = abs(loss - printed[act])
        assert d < 1e-12, (act, d)
        note('seed-002 MLP toy loss %s reg=0.1 = %r, |diff to printed %r|' % (act, float(loss), printed[act]), d)
        num = numeric_grads(lambda W: net.loss(X, y, reg=0.1)[0], net.params, list(grads))
        for k in grads:
            assert rel_error(num[k], grads[k]) < 1e-5, (act, k)
        out[act] = {'params': params_json(init), 'scores': scores, 'reg': 0.1, 'loss': loss,
                    'printed_loss': printed[act], 'grads': params_json(grads),
                    'numeric_grads': params_json(num),
                    'rel_errors': {k: rel_error(num[k], grads[k]) for k in grads}}
    return out


def nndl_fc_linspace():
    N, D, H, C = 3, 5, 50, 7
    model = FcTwoLayerNet(input_dim=D, hidden_dims=H, num_classes=C, weight_scale=1e-2)
    model.params['W1'] = np.linspace(-0.7, 0.3, num=D * H).reshape(D, H)
    model.params['b1'] = np.linspace(-0.1, 0.9, num=H)
    model.params['W2'] = np.linspace(-0.3, 0.4, num=H * C).reshape(H, C)
    model.params['b2'] = np.linspace(-0.9, 0.1, num=C)
    X = np.linspace(-5.5, 4.5, num=N * D).reshape(D, N).T
    scores = model.loss(X)
    correct_scores = np.asarray(
        [[11.53165108, 12.2917344, 13.05181771, 13.81190102, 14.57198434, 15.33206765, 16.09215096],
         [12.05769098, 12.74614105, 13.43459113, 14.1230412, 14.81149128, 15.49994135, 16.18839143],
         [12.58373087, 13.20054771, 13.81736455, 14.43418138, 15.05099822, 15.66781506, 16.2846319]])
    sdiff = float(np.abs(scores - correct_scores).sum())
    assert sdiff < 1e-6, sdiff
    note('nndl fc TwoLayerNet linspace scores: sum|diff| (notebook asserts < 1e-6)', sdiff)
    y = np.asarray([0, 5, 1])
    res = {'recipe': recipe('''
        # reference/fc_net.py TwoLayerNet (modular, 0.5*reg); params overwritten with linspace values
        N, D, H, C = 3, 5, 50, 7
        model = TwoLayerNet(input_dim=D, hidden_dims=H, num_classes=C, weight_scale=1e-2)
        model.params['W1'] = np.linspace(-0.7, 0.3, num=D*H).reshape(D, H)
        model.params['b1'] = np.linspace(-0.1, 0.9, num=H)
        model.params['W2'] = np.linspace(-0.3, 0.4, num=H*C).reshape(H, C)
        model.params['b2'] = np.linspace(-0.9, 0.1, num=C)
        X = np.linspace(-5.5, 4.5, num=N*D).reshape(D, N).T; y = np.asarray([0, 5, 1])
        scores = model.loss(X); model.reg = R; loss, grads = model.loss(X, y)
        The FullyConnectedNet([H], input_dim=D, num_classes=C) with the same params gives the same numbers up to
        rounding (its loss, summing the reg terms W2 first then W1, is loss_fully_connected_net).
        '''),
        'X': X, 'y': y, 'params': params_json(model.params), 'scores': scores,
        'printed_correct_scores': correct_scores, 'scores_abs_diff_sum': sdiff}
    printed = {0.0: 3.4702243556, 1.0: 26.5948426952}
    fcn = FullyConnectedNet([H], input_dim=D, num_classes=C, dtype=np.float64)
    for k in model.params:
        fcn.params[k] = model.params[k]
    for reg in (0.0, 0.7, 1.0):
        model.reg = reg
        fcn.reg = reg
        loss, grads = model.loss(X, y)
        loss2, grads2 = fcn.loss(X, y)
        # the FullyConnectedNet adds the reg terms one layer at a time (W2 then W1): equal up to rounding
        assert abs(loss - loss2) < 1e-12 and all(np.allclose(grads[k], grads2[k], rtol=1e-13, atol=0) for k in grads)
        entry = {'reg': reg, 'loss': loss, 'loss_fully_connected_net': loss2, 'grads': params_json(grads)}
        if reg in printed:
            d = abs(loss - printed[reg])
            assert d < 1e-10, (reg, d)
            entry['printed_loss'] = printed[reg]
            note('nndl fc TwoLayerNet linspace loss reg=%s = %r, |diff to printed %r| (tol 1e-10)'
                 % (reg, float(loss), printed[reg]), d)
        if reg in (0.0, 0.7):
            num = numeric_grads(lambda _: model.loss(X, y)[0], model.params, sorted(grads))
            entry['numeric_grads'] = params_json(num)
            entry['rel_errors'] = {k: rel_error(num[k], grads[k]) for k in sorted(grads)}
            for k in grads:
                assert rel_error(num[k], grads[k]) < 1e-6, (reg, k)
        res['reg_%s' % reg] = entry
    return res


def affine_linspace():
    num_inputs = 2
    input_shape = (4, 5, 6)
    output_dim = 3
    input_size = num_inputs * np.prod(input_shape)
    weight_size = output_dim * np.prod(input_shape)
    x = np.linspace(-0.1, 0.5, num=input_size).reshape(num_inputs, *input_shape)
    w = np.linspace(-0.2, 0.3, num=weight_size).reshape(np.prod(input_shape), output_dim)
    b = np.linspace(-0.3, 0.1, num=output_dim)
    out, _ = L.affine_forward(x, w, b)
    correct_out = np.array([[1.49834967, 1.70660132, 1.91485297],
                            [3.25553199, 3.5141327, 3.77273342]])
    e = rel_error(out, correct_out)
    assert e < 1e-9, e
    note('affine_forward linspace rel_error (seed 001 printed 9.769849468192957e-10)', e)
    return {'recipe': recipe('''
        x = np.linspace(-0.1, 0.5, num=240).reshape(2, 4, 5, 6)    # stored here flattened to (2, 120)
        w = np.linspace(-0.2, 0.3, num=360).reshape(120, 3)
        b = np.linspace(-0.3, 0.1, num=3)
        out, _ = affine_forward(x, w, b)
        '''),
        'x': x.reshape(num_inputs, -1), 'x_original_shape': list(x.shape), 'w': w, 'b': b,
        'out': out, 'printed_correct_out': correct_out, 'rel_error': e}


def three_layer_gradcheck():
    seed = 231
    np.random.seed(seed)
    N, D, H1, H2, C = 2, 15, 20, 30, 10
    X = np.random.randn(N, D)
    y = np.random.randint(C, size=(N,))
    res = {'recipe': recipe('''
        # cs231n FullyConnectedNets notebook setup; ONE np.random.seed(231) for everything, draws in this order:
        np.random.seed(231)
        N, D, H1, H2, C = 2, 15, 20, 30, 10
        X = np.random.randn(N, D)                # 30 gaussians
        y = np.random.randint(C, size=(N,))      # 2 masked-rejection integer draws
        for reg in [0, 3.14]:                    # the models are built one after the other, NOT reseeded:
            model = FullyConnectedNet([H1, H2], input_dim=D, num_classes=C, reg=reg, weight_scale=5e-2, dtype=np.float64)
            # init draws W1 (15,20), W2 (20,30), W3 (30,10) with np.random.normal(0, 5e-2, shape)
            loss, grads = model.loss(X, y)
            numeric: for name in sorted(grads): eval_numerical_gradient(lambda _: model.loss(X, y)[0], model.params[name], verbose=False, h=1e-5)
        '''), 'seed': seed, 'X': X, 'y': y}
    for reg in (0, 3.14):
        model = FullyConnectedNet([H1, H2], input_dim=D, num_classes=C, reg=reg,
                                  weight_scale=5e-2, dtype=np.float64)
        init = {k: v.copy() for k, v in model.params.items()}
        loss, grads = model.loss(X, y)
        num = numeric_grads(lambda _: model.loss(X, y)[0], model.params, sorted(grads))
        for k in grads:
            assert rel_error(num[k], grads[k]) < 1e-4, (reg, k)
        res['reg_%s' % reg] = {'reg': reg, 'params': params_json(init), 'loss': loss,
                               'grads': params_json(grads), 'numeric_grads': params_json(num),
                               'rel_errors': {k: rel_error(num[k], grads[k]) for k in sorted(grads)}}
        note('three-layer check (seed 231) initial loss reg=%s' % reg, loss)
    res['note'] = ('Seed 001 printed Initial loss 2.3029647255985943 (reg 0) and 6.78836760928242 (reg 3.14); '
                   'the nndl notebook does not seed the generator before this cell, so those numbers are not '
                   'reproducible. With np.random.seed(231) (the cs231n notebook) the port gives %r and %r, the '
                   'values the public cs231n FullyConnectedNets notebook prints.'
                   % (res['reg_0']['loss'], res['reg_3.14']['loss']))
    res['seed001_printed_losses_unreproducible'] = {'reg_0': 2.3029647255985943, 'reg_3.14': 6.78836760928242}
    return res


def libm_crosscheck():
    """Not asserted: re-run the seed-003 code with np.exp / np.log replaced by
    the C library's exp / log (math.exp / math.log).  NumPy 2.x uses its own
    SIMD exp/log on AVX512 machines, which can differ from libm in the last
    ulp; with libm the seed-003 printed numbers come out bit-exact on glibc."""
    nn = importlib.import_module('reference.neural_net')
    vexp = np.vectorize(math.exp, otypes=[np.float64])
    vlog = np.vectorize(math.log, otypes=[np.float64])

    class _Np(object):
        exp = staticmethod(vexp)
        log = staticmethod(vlog)

        def __getattr__(self, k):
            return getattr(np, k)

    saved = nn.np
    nn.np = _Np()
    try:
        X, y = init_toy_data()
        np.random.seed(0)
        net = nn.TwoLayerNet(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1)
        loss = net.loss(X, y, reg=0.05)[0]
        stats = net.train(X, y, X, y, learning_rate=1e-1, reg=5e-6, num_iters=100, verbose=False)
        final = stats['loss_history'][-1]
    finally:
        nn.np = saved
    note('[libm exp/log instead of NumPy SIMD] seed-003 toy loss reg=0.05 = %r (printed diff implies '
         '1.3037878913298202), train final = %r (printed 0.017149607938732048)' % (float(loss), float(final)), '')
    return {'note': libm_crosscheck.__doc__.strip().replace('\n    ', ' '),
            'cs231n_toy_loss_reg_0.05_with_libm_exp_log': loss,
            'cs231n_train_toy_final_loss_with_libm_exp_log': final}


def notebook_checks():
    return {
        'description': ('Toy setups of the coursework notebooks (seeds 001 nndl, 002 TwoLayerMLP, 003 cs231n), '
                        'recomputed by the NumPy port in conformance/src/main/python/reference. Each section has a '
                        'recipe with the exact Python call sequence. printed_* values are the numbers printed in '
                        'the seeds; the generator asserts the port reproduces them.'),
        'cs231n_toy': cs231n_toy(),
        'nndl_hd_toy': nndl_hd_toy(),
        'mlp_toy': mlp_toy(),
        'nndl_fc_two_layer_linspace': nndl_fc_linspace(),
        'affine_forward_linspace': affine_linspace(),
        'three_layer_gradcheck': three_layer_gradcheck(),
        'platform_note': libm_crosscheck(),
    }


# ============================================================================
# kernels.json
# ============================================================================
def kernels():
    rs = np.random.RandomState(2024)

    def randn(*shape):
        return rs.randn(*shape)

    out = {'description': ('Random cases for each layer kernel of reference/layers.py and the update rules of '
                           'reference/optim.py. Inputs come from np.random.RandomState(2024) (the values are '
                           'stored, so the Java side need not reproduce them). Matrices are lists of rows. '
                           'Expect agreement to ~1e-12 relative: NumPy sums with pairwise/SIMD order and BLAS '
                           'for dot products, so the last bits are not reproducible.')}

    # ---- affine ----
    cases = []
    for name, (N, D, M) in [('1x1x1', (1, 1, 1)), ('N1', (1, 6, 4)), ('7x13x5', (7, 13, 5)),
                            ('10x6x5', (10, 6, 5)), ('D1500', (2, 1500, 3))]:
        x, w, b, dout = randn(N, D), randn(D, M), randn(M), randn(N, M)
        o, cache = L.affine_forward(x, w, b)
        dx, dw, db = L.affine_backward(dout, cache)
        if N * D * M < 2000:
            nx = eval_numerical_gradient_array(lambda x_: L.affine_forward(x_, w, b)[0], x.copy(), dout)
            assert rel_error(nx, dx) < 1e-7
        cases.append({'name': name, 'x': x, 'w': w, 'b': b, 'dout': dout, 'out': o, 'dx': dx, 'dw': dw, 'db': db})
    out['affine'] = {'recipe': 'out, cache = affine_forward(x, w, b); dx, dw, db = affine_backward(dout, cache)',
                     'cases': cases}

    # ---- relu ----
    cases = []
    for name, shape in [('1x1', (1, 1)), ('N1', (1, 9)), ('7x13', (7, 13)), ('with_zeros', (4, 5)),
                        ('D1500', (2, 1500))]:
        x, dout = randn(*shape), randn(*shape)
        if name == 'with_zeros':
            x[0, :] = 0.0
            x[1, 1] = -0.0
        o, cache = L.relu_forward(x)
        dx = L.relu_backward(dout, cache)
        cases.append({'name': name, 'x': x, 'dout': dout, 'out': o, 'dx': dx})
    out['relu'] = {'recipe': 'out, cache = relu_forward(x); dx = relu_backward(dout, cache)  '
                             '# out = np.maximum(0, x); dx = dout * (x > 0) (x == 0 -> 0)',
                   'cases': cases}

    # ---- sigmoid ----
    cases = []
    for name, shape, scale in [('1x1', (1, 1), 1.0), ('N1', (1, 9), 1.0), ('7x13', (7, 13), 3.0),
                               ('saturating', (3, 4), 15.0)]:
        x, dout = scale * randn(*shape), randn(*shape)
        o, cache = L.sigmoid_forward(x)
        dx = L.sigmoid_backward(dout, cache)
        cases.append({'name': name, 'x': x, 'dout': dout, 'out': o, 'dx': dx})
    out['sigmoid'] = {'recipe': 'out, cache = sigmoid_forward(x); dx = sigmoid_backward(dout, cache)  '
                                '# out = 1/(1+exp(-x)); dx = dout*out*(1-out)',
                      'cases': cases}

    # ---- affine_relu ----
    cases = []
    for name, (N, D, M) in [('1x1x1', (1, 1, 1)), ('N1', (1, 6, 4)), ('7x13x5', (7, 13, 5)),
                            ('D1500', (2, 1500, 3))]:
        x, w, b, dout = randn(N, D), randn(D, M), randn(M), randn(N, M)
        o, cache = L.affine_relu_forward(x, w, b)
        dx, dw, db = L.affine_relu_backward(dout, cache)
        cases.append({'name': name, 'x': x, 'w': w, 'b': b, 'dout': dout, 'out': o, 'dx': dx, 'dw': dw, 'db': db})
    out['affine_relu'] = {'recipe': 'out, cache = affine_relu_forward(x, w, b); '
                                    'dx, dw, db = affine_relu_backward(dout, cache)',
                          'cases': cases}

    # ---- softmax / svm ----
    def loss_cases(fn, extra=None):
        cs = []
        for name, (N, C), scale in [('1x1', (1, 1), 1.0), ('N1', (1, 5), 1.0), ('7x13', (7, 13), 1.0),
                                    ('notebook_50x10', (50, 10), 0.001), ('large_scores', (6, 4), 300.0),
                                    ('integer_ties', (8, 5), None), ('C1500', (2, 1500), 1.0)]:
            if scale is None:
                x = rs.randint(-2, 3, size=(N, C)).astype(np.float64)
            else:
                x = scale * randn(N, C)
            y = rs.randint(C, size=N)
            loss, dx = fn(x, y)
            c = {'name': name, 'x': x, 'y': y, 'loss': loss, 'dx': dx}
            if extra is not None:
                c.update(extra(x, y))
            if N * C < 200 and name != 'integer_ties':  # kinks: numeric gradient undefined at ties
                nx = eval_numerical_gradient(lambda x_: fn(x_, y)[0], x.copy(), verbose=False)
                assert rel_error(nx, dx) < 1e-5 or np.max(np.abs(nx - dx)) < 1e-8, (fn.__name__, name)
            cs.append(c)
        return cs

    def probs_form(x, y):
        l2, d2 = L.softmax_loss_probs(x, y)
        return {'loss_probs_form': l2, 'dx_probs_form': d2}

    out['softmax_loss'] = {
        'recipe': ('loss, dx = softmax_loss(x, y)  # cs231n log-sum-exp form (see layers.py). '
                   'loss_probs_form/dx_probs_form: softmax_loss_probs (nndl seed-001 form: probs = exp(x - max); '
                   'probs /= sum; loss = -sum(log(probs[arange(N), y]))/N); equal up to rounding.'),
        'cases': loss_cases(L.softmax_loss, probs_form)}
    out['svm_loss'] = {'recipe': 'loss, dx = svm_loss(x, y)  # cs231n hinge loss, margin 1.0; a margin of exactly 0 '
                                 'counts as inactive (margins > 0)',
                       'cases': loss_cases(L.svm_loss)}

    # ---- batchnorm ----
    cases = []
    for name, (N, D), steps in [('1x1', (1, 1), 1), ('N1', (1, 6), 1), ('7x13', (7, 13), 3),
                                ('shifted_scaled', (16, 5), 2), ('D1500', (2, 1500), 1)]:
        gamma = 1.0 + 0.5 * randn(D)
        beta = randn(D)
        bn_param = {'mode': 'train'}
        if name == 'shifted_scaled':
            bn_param.update({'eps': 1e-3, 'momentum': 0.8})
        train_steps = []
        for s in range(steps):
            x = 4.0 * randn(N, D) + 10.0 if name == 'shifted_scaled' else randn(N, D)
            dout = randn(N, D)
            bn_param['mode'] = 'train'
            o, cache = L.batchnorm_forward(x, gamma, beta, bn_param)
            dx, dgamma, dbeta = L.batchnorm_backward(dout, cache)
            dx_alt, _, _ = L.batchnorm_backward_alt(dout, cache)
            assert np.max(np.abs(dx - dx_alt)) < 1e-9 * max(1.0, np.max(np.abs(dx)))
            if N * D < 200 and N > 1:
                nx = eval_numerical_gradient_array(
                    lambda x_: L.batchnorm_forward(x_, gamma, beta, dict(bn_param, mode='train'))[0], x.copy(), dout)
                assert rel_error(nx, dx) < 1e-4 or np.max(np.abs(nx - dx)) < 1e-7, name
            train_steps.append({'x': x, 'dout': dout, 'out': o, 'dx': dx, 'dgamma': dgamma, 'dbeta': dbeta,
                                'running_mean': bn_param['running_mean'], 'running_var': bn_param['running_var']})
        xt = randn(3, D)
        bn_param['mode'] = 'test'
        ot, _ = L.batchnorm_forward(xt, gamma, beta, bn_param)
        cases.append({'name': name, 'gamma': gamma, 'beta': beta,
                      'eps': bn_param.get('eps', 1e-5), 'momentum': bn_param.get('momentum', 0.9),
                      'train_steps': train_steps, 'test_x': xt, 'test_out': ot})
    out['batchnorm'] = {
        'recipe': recipe('''
            bn_param = {'mode': 'train'} (+ 'eps'/'momentum' when not the defaults 1e-5 / 0.9; running stats start at zeros(D))
            for step in train_steps:   # same bn_param dict carried over, so running stats accumulate
                out, cache = batchnorm_forward(x, gamma, beta, bn_param); dx, dgamma, dbeta = batchnorm_backward(dout, cache)
                running_mean / running_var = bn_param[...] after the step
            bn_param['mode'] = 'test'; test_out, _ = batchnorm_forward(test_x, gamma, beta, bn_param)
            '''),
        'cases': cases}

    # ---- dropout ----
    cases = []
    for name, shape, p, seed in [('1x1', (1, 1), 0.5, 1), ('7x13_p0.75', (7, 13), 0.75, 123),
                                 ('N1_p0.3', (1, 20), 0.3, 0), ('10x20_p0.5', (10, 20), 0.5, 231)]:
        x, dout = randn(*shape), randn(*shape)
        dp = {'mode': 'train', 'p': p, 'seed': seed}
        o, cache = L.dropout_forward(x, dp)
        dx = L.dropout_backward(dout, cache)
        mask = cache[1]
        np.random.seed(seed)
        uniforms = np.random.rand(*shape)
        assert np.array_equal(mask, (uniforms < p) / p)
        ot, cache_t = L.dropout_forward(x, {'mode': 'test', 'p': p, 'seed': seed})
        dxt = L.dropout_backward(dout, cache_t)
        cases.append({'name': name, 'p': p, 'seed': seed, 'x': x, 'dout': dout, 'uniforms': uniforms,
                      'mask': mask, 'out': o, 'dx': dx, 'test_out': ot, 'test_dx': dxt})
    out['dropout'] = {
        'recipe': recipe('''
            dropout_param = {'mode': 'train', 'p': p, 'seed': seed}   # p = KEEP probability (nndl)
            out, cache = dropout_forward(x, dropout_param)   # np.random.seed(seed); mask = (np.random.rand(*x.shape) < p) / p; out = x * mask
            dx = dropout_backward(dout, cache)                # dout * mask
            uniforms = the np.random.rand(*x.shape) values after np.random.seed(seed) (row-major)
            test mode: out = x, dx = dout (the seed is still applied to the global generator)
            '''),
        'cases': cases}

    # ---- optim ----
    N, D = 4, 5
    w0 = np.linspace(-0.4, 0.6, num=N * D).reshape(N, D)
    dws = [np.linspace(-0.6, 0.4, num=N * D).reshape(N, D)] + [randn(N, D) for _ in range(4)]
    rules = [('sgd', {'learning_rate': 1e-3}),
             ('sgd_momentum', {'learning_rate': 1e-3,
                               'velocity': np.linspace(0.6, 0.9, num=N * D).reshape(N, D)}),
             ('rmsprop', {'learning_rate': 1e-2,
                          'cache': np.linspace(0.6, 0.9, num=N * D).reshape(N, D)}),
             ('adam', {'learning_rate': 1e-2, 'm': np.linspace(0.6, 0.9, num=N * D).reshape(N, D),
                       'v': np.linspace(0.7, 0.5, num=N * D).reshape(N, D), 't': 5}),
             ('sgd_momentum', {}), ('rmsprop', {}), ('adam', {})]
    ocases = []
    for rule, cfg0 in rules:
        fn = getattr(optim, rule)
        w = w0.copy()
        cfg = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in cfg0.items()}
        steps = []
        for dw in dws:
            w, cfg = fn(w.copy(), dw, cfg)
            st = {'dw': dw, 'next_w': w}
            for k in ('velocity', 'cache', 'm', 'v', 't', 'learning_rate'):
                if k in cfg:
                    st[k] = cfg[k]
            steps.append(st)
        ocases.append({'rule': rule, 'w0': w0, 'initial_config': cfg0, 'steps': steps})
    out['optim'] = {
        'recipe': recipe('''
            w = w0; config = copy of initial_config (missing keys take the defaults of reference/optim.py)
            for step in steps: w, config = RULE(w, step['dw'], config)  -> step['next_w'] and the config state after the step
            (the first case of each rule uses the cs231n notebook linspace setup; later dw are random)
            '''),
        'cases': ocases}
    return out


# ============================================================================
# training_trajectories.json
# ============================================================================
def synthetic_data():
    rs = np.random.RandomState(12345)
    N_train, N_val, D, C = 500, 100, 20, 5
    teacher = rs.randn(D, C)
    X = rs.randn(N_train + N_val, D)
    noise = rs.randn(N_train + N_val, C)
    y = np.argmax(X.dot(teacher) + 0.5 * noise, axis=1)
    return {'X_train': X[:N_train], 'y_train': y[:N_train], 'X_val': X[N_train:], 'y_val': y[N_train:]}


DATA_RECIPE = recipe('''
    rs = np.random.RandomState(12345)          # separate generator: the global one is untouched
    N_train, N_val, D, C = 500, 100, 20, 5
    teacher = rs.randn(D, C); X = rs.randn(N_train + N_val, D); noise = rs.randn(N_train + N_val, C)
    y = np.argmax(X.dot(teacher) + 0.5 * noise, axis=1)
    X_train, y_train = X[:500], y[:500]; X_val, y_val = X[500:], y[500:]
    ''')


def solver_run(data, name, seed, model_cls, model_kwargs, solver_kwargs):
    np.random.seed(seed)
    model = model_cls(**model_kwargs)
    init = {k: v.copy() for k, v in model.params.items()}
    solver = Solver(model, data, verbose=False, record_draws=True, **solver_kwargs)
    solver.train()
    num_train = data['X_train'].shape[0]
    ipe = max(num_train // solver.batch_size, 1)
    mk = {k: v for k, v in model_kwargs.items() if k != 'dtype'}
    if 'dtype' in model_kwargs:
        mk['dtype'] = 'float64'
    run = {
        'name': name, 'seed': seed, 'model_class': model_cls.__module__.split('.')[-1] + '.' + model_cls.__name__,
        'model_kwargs': mk, 'solver_kwargs': solver_kwargs,
        'params_order': list(init.keys()),
        'iterations_per_epoch': ipe, 'num_iterations': solver.num_epochs * ipe,
        'initial_params': params_json(init),
        'loss_history': solver.loss_history,
        'train_acc_history': solver.train_acc_history,
        'val_acc_history': solver.val_acc_history,
        'best_val_acc': solver.best_val_acc,
        'batch_masks_first3': solver.batch_masks[:3],
        'batch_masks': solver.batch_masks,
        'train_sample_masks': solver.sample_masks,
        'final_params': params_json(model.params),
    }
    if getattr(model, 'use_batchnorm', False):
        run['bn_running_stats_end'] = [{'running_mean': p['running_mean'], 'running_var': p['running_var']}
                                       for p in model.bn_params]
    assert len(solver.loss_history) == run['num_iterations']
    assert solver.loss_history[-1] < solver.loss_history[0], name
    return run


def cs231n_train_toy():
    np.random.seed(0)
    net = Cs231nTwoLayerNet(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1)
    X, y = init_toy_data()
    np.random.seed(0)
    net = Cs231nTwoLayerNet(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1)
    init = {k: v.copy() for k, v in net.params.items()}
    batches = []
    stats = net.train(X, y, X, y, learning_rate=1e-1, reg=5e-6, num_iters=100, verbose=False, batch_log=batches)
    final = stats['loss_history'][-1]
    printed = 0.017149607938732048
    d = abs(final - printed)
    assert d < 1e-12, d
    note('seed-003 cs231n TwoLayerNet.train toy final loss = %r, |diff to printed %r|' % (float(final), printed), d)
    return {
        'name': 'cs231n_two_layer_net_train_toy',
        'recipe': recipe('''
            # seed 003 notebook: reference/neural_net.py TwoLayerNet
            net = init_toy_model()      # np.random.seed(0); TwoLayerNet(4, 10, 3, std=1e-1)
            X, y = init_toy_data()      # np.random.seed(1); X = 10*randn(5, 4); y = [0, 1, 2, 2, 1]
            net = init_toy_model()      # reseeded with 0 and rebuilt: the minibatch draws follow the 70 init gaussians
            stats = net.train(X, y, X, y, learning_rate=1e-1, reg=5e-6, num_iters=100, verbose=False)
            # batch_size 200 (> N = 5): np.random.choice(5, 200) each iteration; iterations_per_epoch = max(5/200, 1) = 1
            # so the accuracies are recorded and learning_rate *= 0.95 after EVERY iteration
            '''),
        'X': X, 'y': y, 'initial_params': params_json(init),
        'loss_history': stats['loss_history'], 'train_acc_history': stats['train_acc_history'],
        'val_acc_history': stats['val_acc_history'], 'batch_indices': batches,
        'final_params': params_json(net.params), 'printed_final_loss': printed,
    }


def mlp_train_toys():
    X, y = init_toy_data()
    runs = []
    for act, lr, epochs, printed in [('sigmoid', 0.5, 100, 0.10926794610680679),
                                     ('relu', 0.1, 50, 0.0178562204869839)]:
        np.random.seed(0)
        net = TwoLayerMLP(TOY_INPUT, TOY_HIDDEN, TOY_CLASSES, std=1e-1, activation=act)
        init = {k: v.copy() for k, v in net.params.items()}
        stats = net.train(X, y, X, y, learning_rate=lr, reg=1e-5, num_epochs=epochs, verbose=False)
        final = stats['loss_history'][-1]
        d = abs(final - printed)
        assert d < 1e-12, (act, d)
        note('seed-002 TwoLayerMLP %s toy final loss = %r, |diff to printed %r|' % (act, float(final), printed), d)
        # the permutations train() drew (np.random.seed(1) then one permutation(5) per epoch)
        np.random.seed(1)
        perms = [np.random.permutation(X.shape[0]) for _ in range(epochs)]
        runs.append({
            'name': 'mlp_toy_' + act,
            'recipe': recipe('''
                # seed 002 notebook: reference/mlp.py TwoLayerMLP
                X, y = init_toy_data()                       # np.random.seed(1); X = 10*randn(5, 4); y = [0, 1, 2, 2, 1]
                net = init_toy_model(ACT, std=1e-1)          # np.random.seed(0); TwoLayerMLP(4, 10, 3, std=1e-1, activation=ACT)
                stats = net.train(X, y, X, y, learning_rate=LR, reg=1e-5, num_epochs=EPOCHS, verbose=False)
                # batch_size 200 -> iterations_per_epoch = max(int(5/200), 1) = 1; train() calls np.random.seed(1)
                # then perm = np.random.permutation(5) per epoch; the batch is X[perm[0:200]] = all 5 rows permuted
                # params updated in insertion order W1, b1, W2, b2: p -= grad * learning_rate; lr *= 0.95 per epoch
                ''').replace('ACT', repr(act)).replace('EPOCHS', str(epochs)).replace('LR', repr(lr)),
            'activation': act, 'learning_rate': lr, 'reg': 1e-5, 'num_epochs': epochs,
            'learning_rate_decay': 0.95, 'batch_size': 200,
            'X': X, 'y': y, 'initial_params': params_json(init), 'permutations': perms,
            'loss_history': stats['loss_history'], 'grad_magnitude_history': stats['grad_magnitude_history'],
            'train_acc_history': stats['train_acc_history'], 'val_acc_history': stats['val_acc_history'],
            'final_params': params_json(net.params), 'printed_final_loss': printed,
        })
    return runs


def training_trajectories():
    data = synthetic_data()
    D, C = data['X_train'].shape[1], 5
    f64 = np.float64
    common = {'lr_decay': 0.95, 'batch_size': 25, 'num_epochs': 10, 'num_train_samples': 200,
              'num_val_samples': None}
    runs = []
    for i, (rule, lr) in enumerate([('sgd', 0.2), ('sgd_momentum', 0.05), ('rmsprop', 1e-3), ('adam', 5e-3)]):
        sk = dict(common, update_rule=rule, optim_config={'learning_rate': lr})
        runs.append(solver_run(data, 'fcnet_30_20_' + rule, 101 + i, FullyConnectedNet,
                               {'hidden_dims': [30, 20], 'input_dim': D, 'num_classes': C,
                                'weight_scale': 5e-2, 'dtype': f64}, sk))
    sk = dict(common, update_rule='adam', optim_config={'learning_rate': 5e-3})
    runs.append(solver_run(data, 'fcnet_30_20_batchnorm_adam', 105, FullyConnectedNet,
                           {'hidden_dims': [30, 20], 'input_dim': D, 'num_classes': C,
                            'weight_scale': 5e-2, 'use_batchnorm': True, 'dtype': f64}, sk))
    sk = {'optim_config': {'learning_rate': 0.5}, 'lr_decay': 0.9, 'num_train_samples': 200,
          'num_epochs': 10, 'batch_size': 25, 'print_every': 50}
    runs.append(solver_run(data, 'nndl_two_layer_net_sgd', 106, FcTwoLayerNet,
                           {'input_dim': D, 'hidden_dims': 30, 'num_classes': C}, sk))
    for r in runs:
        note('solver run %-28s loss %.6f -> %.6f, best_val_acc %.2f' % (
            r['name'], r['loss_history'][0], r['loss_history'][-1], r['best_val_acc']), '')
    return {
        'description': ('float64 training runs to be retraced exactly (same seed, data and hyper-parameters give '
                        'the same initial params, minibatches and loss history to ~1e-9 relative). All arrays '
                        'the global generator produced are recorded too (batch_masks, train_sample_masks, '
                        'initial_params), so a port can replay them without an MT19937.'),
        'data_recipe': DATA_RECIPE,
        'data': data,
        'solver_recipe': recipe('''
            np.random.seed(seed)
            model = MODEL_CLASS(**model_kwargs)          # draws W1, W2, ... with np.random.normal(0, weight_scale, shape)
            solver = Solver(model, data, verbose=False, **solver_kwargs)
            solver.train()
            # global draws, in order: per iteration batch_mask = np.random.choice(500, batch_size);
            # after iteration t when t == 0 or (t+1) % iterations_per_epoch == 0 or t is the last:
            #   check_accuracy(X_train, num_samples=200) draws np.random.choice(500, 200) (-> train_sample_masks),
            #   check_accuracy(X_val, None) draws nothing (100 <= None test is skipped).
            # lr decay happens BEFORE the accuracy check of an epoch end. best params: strictly greater val acc.
            # final_params = solver.best_params (what model.params is after train()).
            '''),
        'runs': runs,
        'cs231n_train_toy': cs231n_train_toy(),
        'mlp_train_toys': mlp_train_toys(),
    }


# ============================================================================
# numpy_rng.json
# ============================================================================
def numpy_rng():
    cases = []
    for seed in (0, 1, 5, 231, 12345):
        m = LegacyMT19937(seed)
        np.random.seed(seed)
        st = np.random.get_state()
        assert list(st[1]) == m.mt and st[2] == 624
        u32 = [m.next_uint32() for _ in range(8)]
        np.random.seed(seed)
        rand5 = np.random.rand(5)
        randn7 = np.random.randn(7)            # odd count: one cached gaussian is left over
        normal = np.random.normal(0, 0.05, (2, 3))  # first value is the cached gaussian * 0.05
        choice = np.random.choice(500, 10)
        randint = np.random.randint(10, size=6)
        perm = np.random.permutation(10)
        # check the pure-Python mimic
        m.seed(seed)
        assert [m.random_sample() for _ in range(5)] == list(rand5)
        assert [m.gauss() for _ in range(7)] == list(randn7)
        assert [m.normal(0, 0.05) for _ in range(6)] == list(normal.ravel())
        assert m.choice(500, 10) == list(choice)
        assert m.choice(10, 6) == list(randint)
        assert m.permutation(10) == list(perm)
        cases.append({'seed': seed, 'first_uint32': u32, 'rand_5': rand5, 'randn_7': randn7,
                      'normal_0_0.05_2x3': normal, 'choice_500_10': choice, 'randint_10_6': randint,
                      'permutation_10': perm})
    return {
        'description': ('How NumPy\'s legacy global generator turns a seed into the numbers the coursework uses; '
                        'reference/mt19937.py is a pure-Python re-implementation checked against NumPy here. '
                        'A Java port of np.random must reproduce these exactly (gauss uses C log/sqrt: '
                        'use StrictMath-quality log, results may differ in the last ulp otherwise).'),
        'recipe': recipe('''
            first_uint32: the first 8 raw MT19937 outputs after np.random.seed(seed)
            then, after a fresh np.random.seed(seed), in this order on the same stream:
            rand_5 = np.random.rand(5); randn_7 = np.random.randn(7); normal_0_0.05_2x3 = np.random.normal(0, 0.05, (2, 3))
            choice_500_10 = np.random.choice(500, 10); randint_10_6 = np.random.randint(10, size=6); permutation_10 = np.random.permutation(10)
            Note randn_7 leaves one cached gaussian, which is the first gaussian used by the normal() call.
            '''),
        'algorithm': mt19937_module.__doc__.strip(),
        'cases': cases,
    }


def main():
    np.seterr(over='ignore')  # sigmoid of very negative inputs overflows exp(-x) to inf -> 0.0, as in the seed
    write('notebook_checks.json', notebook_checks())
    write('kernels.json', kernels())
    write('training_trajectories.json', training_trajectories())
    write('numpy_rng.json', numpy_rng())
    print()
    print('Reproduction of the notebooks\' printed numbers (all asserted):')
    for what, value in REPORT:
        print('  %s%s' % (what, '' if value == '' else ': %r' % (value,)))


if __name__ == '__main__':
    main()
