"""Numerical gradient helpers: a port of cs231n ``gradient_check.py``."""
import numpy as np


def eval_numerical_gradient(f, x, verbose=True, h=0.00001):
    """Centered-difference gradient of the scalar function f at x.
    x is perturbed in place entry by entry (np.nditer order, i.e. C order)
    and restored after each entry:  grad[ix] = (f(x+h) - f(x-h)) / (2 * h).
    Note: f(x) is evaluated once first (fx = f(x)), as in cs231n; this matters
    only if f consumes random numbers."""
    fx = f(x)  # evaluate function value at original point
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval - h
        fxmh = f(x)
        x[ix] = oldval

        grad[ix] = (fxph - fxmh) / (2 * h)
        if verbose:
            print(ix, grad[ix])
        it.iternext()
    return grad


def eval_numerical_gradient_array(f, x, df, h=1e-5):
    """Numeric gradient of an array-valued f, contracted with upstream df:
    grad[ix] = sum((f(x+h) - f(x-h)) * df) / (2 * h)."""
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        ix = it.multi_index

        oldval = x[ix]
        x[ix] = oldval + h
        pos = f(x).copy()
        x[ix] = oldval - h
        neg = f(x).copy()
        x[ix] = oldval

        grad[ix] = np.sum((pos - neg) * df) / (2 * h)
        it.iternext()
    return grad


def rel_error(x, y):
    """max(|x - y| / max(1e-8, |x| + |y|))"""
    return np.max(np.abs(x - y) / (np.maximum(1e-8, np.abs(x) + np.abs(y))))
