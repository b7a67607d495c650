"""The NumPy run that `train --init-params` must follow (InitParamsTest), written to
cli/src/test/resources/org/backprop4j/cli/export/:

  data.npz       X_train, y_train, X_val, y_val (a noisy linear teacher, float64 / int64)
  params.npz     np.savez(f, **model.params) of a "Python model": a FullyConnectedNet whose parameters are
                 replaced by other values (as if trained in Python), so they are not what Java would draw
  reference.json the cs231n Solver run (the it-tests port) that starts from params.npz: seed, options,
                 loss_history, train_acc_history, val_acc_history, bn running statistics at the end

The run: np.random.seed(SEED); model = FullyConnectedNet(...) (draws its weights, as Java's does);
model.params = params.npz; Solver(model, data, ...).train(). Java: train --seed SEED --init-params params.npz
with the same options. Output is byte-for-byte the same on every run. Run from anywhere:

    python3 cli/src/test/python/init_params_reference.py
"""
import io
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', '..', 'it-tests', 'src', 'test', 'python'))
from reference.fc_net import FullyConnectedNet  # noqa: E402
from reference.solver import Solver  # noqa: E402

OUT = os.path.join(HERE, '..', 'resources', 'org', 'backprop4j', 'cli', 'export')
SEED = 3
MODEL = dict(hidden_dims=[10, 8], input_dim=12, num_classes=4, dropout=0.8, use_batchnorm=True, reg=1e-3,
             weight_scale=0.1, dtype=np.float64)
SOLVER = dict(update_rule='adam', optim_config={'learning_rate': 2e-3}, lr_decay=0.95, batch_size=20,
              num_epochs=3, num_train_samples=1000, num_val_samples=None)
# the same as train's options (--dropout is the keep probability, as here)
OPTIONS = ['--model', 'fc', '--hidden', '10,8', '--dropout', '0.8', '--batchnorm', '--reg', '1e-3',
           '--weight-scale', '0.1', '--update', 'adam', '--lr', '2e-3', '--lr-decay', '0.95', '--batch-size', '20',
           '--epochs', '3', '--num-train-samples', '1000', '--num-val-samples', '0', '--seed', str(SEED),
           '--dtype', 'float64']


def savez(path, **arrays):
    # np.savez writes the time of day into the zip entries; the arrays alone decide these bytes
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    import zipfile
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            dst.writestr(fixed, src.read(info.filename))


def main():
    rs = np.random.RandomState(12345)  # a generator of its own: the global one is untouched
    n_train, n_val, d, c = 200, 60, MODEL['input_dim'], MODEL['num_classes']
    teacher = rs.randn(d, c)
    X = rs.randn(n_train + n_val, d)
    y = np.argmax(X.dot(teacher) + 0.5 * rs.randn(n_train + n_val, c), axis=1).astype(np.int64)
    data = {'X_train': X[:n_train], 'y_train': y[:n_train], 'X_val': X[n_train:], 'y_val': y[n_train:]}

    # the "Python model": parameters that training in Python might have left, drawn from another generator
    other = np.random.RandomState(99)
    python_model = FullyConnectedNet(**MODEL)
    params = {}
    for k, v in python_model.params.items():
        if k.startswith('gamma'):
            params[k] = 1 + 0.1 * other.randn(*v.shape)
        else:
            params[k] = 0.3 * other.randn(*v.shape)

    np.random.seed(SEED)
    model = FullyConnectedNet(**MODEL)
    for k in model.params:
        model.params[k] = params[k].copy()
    solver = Solver(model, data, verbose=False, **SOLVER)
    solver.train()

    os.makedirs(OUT, exist_ok=True)
    savez(os.path.join(OUT, 'data.npz'), **data)
    savez(os.path.join(OUT, 'params.npz'), **params)
    ref = {
        'seed': SEED,
        'options': OPTIONS,
        'loss_history': [float(v) for v in solver.loss_history],
        'train_acc_history': [float(v) for v in solver.train_acc_history],
        'val_acc_history': [float(v) for v in solver.val_acc_history],
        'bn_running_stats_end': [{'running_mean': [float(v) for v in p['running_mean']],
                                  'running_var': [float(v) for v in p['running_var']]} for p in model.bn_params],
    }
    with open(os.path.join(OUT, 'reference.json'), 'w') as f:
        json.dump(ref, f, indent=1)
        f.write('\n')
    print('wrote data.npz, params.npz, reference.json to', os.path.normpath(OUT))
    print('losses', ref['loss_history'][:3], '...', ref['loss_history'][-1])


if __name__ == '__main__':
    main()
