"""First-order update rules: a NumPy port of cs231n ``optim.py`` (2017+).

Each rule has the signature ``next_w, config = rule(w, dw, config=None)``.
``config`` is mutated in place (defaults are filled in with setdefault) and
returned; the Solver keeps one config dict per parameter.
"""
import numpy as np


def sgd(w, dw, config=None):
    """Vanilla SGD: w -= learning_rate * dw  (learning_rate default 1e-2).

    Note: ``w -= ...`` updates the array in place (as in cs231n)."""
    if config is None:
        config = {}
    config.setdefault('learning_rate', 1e-2)
    w -= config['learning_rate'] * dw
    return w, config


def sgd_momentum(w, dw, config=None):
    """SGD with momentum.
    learning_rate 1e-2, momentum 0.9, velocity zeros_like(w):
        v = momentum * v - learning_rate * dw;  next_w = w + v
    """
    if config is None:
        config = {}
    config.setdefault('learning_rate', 1e-2)
    config.setdefault('momentum', 0.9)
    v = config.get('velocity', np.zeros_like(w))

    v = config['momentum'] * v - config['learning_rate'] * dw
    next_w = w + v

    config['velocity'] = v
    return next_w, config


def rmsprop(w, dw, config=None):
    """RMSProp.
    learning_rate 1e-2, decay_rate 0.99, epsilon 1e-8, cache zeros_like(w):
        cache = decay_rate * cache + (1 - decay_rate) * dw**2
        next_w = w - learning_rate * dw / (np.sqrt(cache) + epsilon)
    """
    if config is None:
        config = {}
    config.setdefault('learning_rate', 1e-2)
    config.setdefault('decay_rate', 0.99)
    config.setdefault('epsilon', 1e-8)
    config.setdefault('cache', np.zeros_like(w))

    config['cache'] = config['decay_rate'] * config['cache'] + (1 - config['decay_rate']) * dw ** 2
    next_w = w - config['learning_rate'] * dw / (np.sqrt(config['cache']) + config['epsilon'])
    return next_w, config


def adam(w, dw, config=None):
    """Adam with bias correction, t incremented FIRST.
    learning_rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8, m/v zeros, t 0:
        t += 1
        m = beta1 * m + (1 - beta1) * dw;      mt = m / (1 - beta1**t)
        v = beta2 * v + (1 - beta2) * (dw**2); vt = v / (1 - beta2**t)
        next_w = w - learning_rate * mt / (np.sqrt(vt) + epsilon)
    """
    if config is None:
        config = {}
    config.setdefault('learning_rate', 1e-3)
    config.setdefault('beta1', 0.9)
    config.setdefault('beta2', 0.999)
    config.setdefault('epsilon', 1e-8)
    config.setdefault('m', np.zeros_like(w))
    config.setdefault('v', np.zeros_like(w))
    config.setdefault('t', 0)

    config['t'] += 1
    config['m'] = config['beta1'] * config['m'] + (1 - config['beta1']) * dw
    mt = config['m'] / (1 - config['beta1'] ** config['t'])
    config['v'] = config['beta2'] * config['v'] + (1 - config['beta2']) * (dw ** 2)
    vt = config['v'] / (1 - config['beta2'] ** config['t'])
    next_w = w - config['learning_rate'] * mt / (np.sqrt(vt) + config['epsilon'])
    return next_w, config
