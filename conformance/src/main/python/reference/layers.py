"""Layer kernels: a NumPy port of the cs231n / UCLA nndl ``layers.py`` and
``layer_utils.py`` (2017+ assignment code).

Every function keeps the operation order of the coursework code, because the
JSON vectors produced from it are compared by the Java tests at the 1e-12
level.  Where the coursework versions differ, the variant used here is noted.
"""
import numpy as np


# ----------------------------------------------------------------------------
# affine
# ----------------------------------------------------------------------------
def affine_forward(x, w, b):
    """out = x.reshape(N, -1) . w + b   (w has shape (D, M), b shape (M,)).

    nndl seed 001: ``X = x.reshape((x.shape[0], -1)); out = np.dot(X, w) + b``.
    """
    X = x.reshape((x.shape[0], -1))
    out = np.dot(X, w) + b
    cache = (x, w, b)
    return out, cache


def affine_backward(dout, cache):
    """Returns dx (shape of x), dw (D, M), db (M,).

    nndl seed 001 order: db = sum(dout, 0); dw = X^T . dout; dx = dout . w^T.
    """
    x, w, b = cache
    X = x.reshape((x.shape[0], -1))
    db = np.sum(dout, axis=0)
    dw = np.dot(X.T, dout)
    dx = np.dot(dout, w.T).reshape(x.shape)
    return dx, dw, db


# ----------------------------------------------------------------------------
# relu / sigmoid
# ----------------------------------------------------------------------------
def relu_forward(x):
    """out = max(0, x) (np.maximum(0, x), nndl seed 001)."""
    out = np.maximum(0, x)
    cache = x
    return out, cache


def relu_backward(dout, cache):
    """dx = dout * (x > 0)  (nndl seed 001; the gradient at x == 0 is 0)."""
    x = cache
    dx = dout * (x > 0)
    return dx


def sigmoid_forward(x):
    """out = 1 / (1 + exp(-x))  (seed 002's form; overflow of exp(-x) for very
    negative x yields out == 0.0 with a RuntimeWarning, like the seed)."""
    out = 1 / (1 + np.exp(-x))
    cache = out
    return out, cache


def sigmoid_backward(dout, cache):
    """dx = dout * out * (1 - out)  (seed 002: ``dhidden * hidden * (1 - hidden)``,
    evaluated left to right)."""
    out = cache
    dx = dout * out * (1 - out)
    return dx


# ----------------------------------------------------------------------------
# layer_utils: affine - relu sandwich
# ----------------------------------------------------------------------------
def affine_relu_forward(x, w, b):
    a, fc_cache = affine_forward(x, w, b)
    out, relu_cache = relu_forward(a)
    cache = (fc_cache, relu_cache)
    return out, cache


def affine_relu_backward(dout, cache):
    fc_cache, relu_cache = cache
    da = relu_backward(dout, relu_cache)
    dx, dw, db = affine_backward(da, fc_cache)
    return dx, dw, db


# ----------------------------------------------------------------------------
# losses
# ----------------------------------------------------------------------------
def softmax_loss(x, y):
    """cs231n (2017+) log-sum-exp softmax loss.  Returns (loss, dx)."""
    shifted_logits = x - np.max(x, axis=1, keepdims=True)
    Z = np.sum(np.exp(shifted_logits), axis=1, keepdims=True)
    log_probs = shifted_logits - np.log(Z)
    probs = np.exp(log_probs)
    N = x.shape[0]
    loss = -np.sum(log_probs[np.arange(N), y]) / N
    dx = probs.copy()
    dx[np.arange(N), y] -= 1
    dx /= N
    return loss, dx


def softmax_loss_probs(x, y):
    """The nndl seed-001 variant (older cs231n form): normalise the shifted
    exponentials first, then take the log of the correct-class probability.
    Mathematically identical to :func:`softmax_loss`; differs in the last bits.
    Not used by the models in this package (kept for reference / kernels.json)."""
    probs = np.exp(x - np.max(x, axis=1, keepdims=True))
    probs /= np.sum(probs, axis=1, keepdims=True)
    N = x.shape[0]
    loss = -np.sum(np.log(probs[np.arange(N), y])) / N
    dx = probs.copy()
    dx[np.arange(N), y] -= 1
    dx /= N
    return loss, dx


def svm_loss(x, y):
    """cs231n multiclass SVM (hinge, margin 1.0) loss.  Returns (loss, dx)."""
    N = x.shape[0]
    correct_class_scores = x[np.arange(N), y]
    margins = np.maximum(0, x - correct_class_scores[:, np.newaxis] + 1.0)
    margins[np.arange(N), y] = 0
    loss = np.sum(margins) / N
    num_pos = np.sum(margins > 0, axis=1)
    dx = np.zeros_like(x)
    dx[margins > 0] = 1
    dx[np.arange(N), y] -= num_pos
    dx /= N
    return loss, dx


# ----------------------------------------------------------------------------
# batch normalisation
# ----------------------------------------------------------------------------
def batchnorm_forward(x, gamma, beta, bn_param):
    """Batch normalisation of x (N, D).

    bn_param: 'mode' ('train' | 'test'), optional 'eps' (1e-5), 'momentum'
    (0.9), 'running_mean' / 'running_var' (zeros(D) when absent).  The running
    statistics are written back into bn_param.

    train: mu = np.mean(x, 0); var = np.var(x, 0)   (biased, 1/N)
           x_hat = (x - mu) / np.sqrt(var + eps); out = gamma * x_hat + beta
           running_mean = momentum * running_mean + (1 - momentum) * mu
           running_var  = momentum * running_var  + (1 - momentum) * var
    test:  x_hat = (x - running_mean) / np.sqrt(running_var + eps)
           out = gamma * x_hat + beta
    """
    mode = bn_param['mode']
    eps = bn_param.get('eps', 1e-5)
    momentum = bn_param.get('momentum', 0.9)

    N, D = x.shape
    running_mean = bn_param.get('running_mean', np.zeros(D, dtype=x.dtype))
    running_var = bn_param.get('running_var', np.zeros(D, dtype=x.dtype))

    out, cache = None, None
    if mode == 'train':
        sample_mean = np.mean(x, axis=0)
        sample_var = np.var(x, axis=0)
        x_mu = x - sample_mean
        std = np.sqrt(sample_var + eps)
        x_hat = x_mu / std
        out = gamma * x_hat + beta
        cache = (x_mu, std, x_hat, gamma)
        running_mean = momentum * running_mean + (1 - momentum) * sample_mean
        running_var = momentum * running_var + (1 - momentum) * sample_var
    elif mode == 'test':
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        out = gamma * x_hat + beta
    else:
        raise ValueError('Invalid forward batchnorm mode "%s"' % mode)

    bn_param['running_mean'] = running_mean
    bn_param['running_var'] = running_var
    return out, cache


def batchnorm_backward(dout, cache):
    """Backward pass of training-mode batchnorm, computed through the graph
    (x_mu = x - mu, std = sqrt(var + eps), x_hat = x_mu / std):

        dbeta  = sum(dout, 0)
        dgamma = sum(dout * x_hat, 0)
        dx_hat = dout * gamma
        dstd   = -sum(dx_hat * x_mu, 0) / std**2
        dvar   = 0.5 * dstd / std
        dx_mu  = dx_hat / std + (2.0 / N) * x_mu * dvar
        dmu    = -sum(dx_mu, 0)
        dx     = dx_mu + dmu / N
    """
    x_mu, std, x_hat, gamma = cache
    N = x_mu.shape[0]
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * x_hat, axis=0)
    dx_hat = dout * gamma
    dstd = -np.sum(dx_hat * x_mu, axis=0) / std ** 2
    dvar = 0.5 * dstd / std
    dx_mu = dx_hat / std + (2.0 / N) * x_mu * dvar
    dmu = -np.sum(dx_mu, axis=0)
    dx = dx_mu + dmu / N
    return dx, dgamma, dbeta


def batchnorm_backward_alt(dout, cache):
    """Simplified closed form (same gradient, different rounding):
    dx = (gamma / std) / N * (N * dout - sum(dout, 0) - x_hat * sum(dout * x_hat, 0))."""
    x_mu, std, x_hat, gamma = cache
    N = x_mu.shape[0]
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * x_hat, axis=0)
    dx = (gamma / std) / N * (N * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta


# ----------------------------------------------------------------------------
# dropout (nndl convention: p is the KEEP probability)
# ----------------------------------------------------------------------------
def dropout_forward(x, dropout_param):
    """Inverted dropout, nndl convention.

    dropout_param: 'p' = probability of KEEPING a unit, 'mode' ('train' |
    'test'), optional 'seed'.  If 'seed' is present the GLOBAL NumPy generator
    is reseeded (np.random.seed(seed)) before drawing, as the nndl code does.

    train: mask = (np.random.rand(*x.shape) < p) / p;  out = x * mask
    test:  out = x (mask None)
    """
    p, mode = dropout_param['p'], dropout_param['mode']
    if 'seed' in dropout_param:
        np.random.seed(dropout_param['seed'])

    mask = None
    out = None
    if mode == 'train':
        mask = (np.random.rand(*x.shape) < p) / p
        out = x * mask
    elif mode == 'test':
        out = x

    cache = (dropout_param, mask)
    out = out.astype(x.dtype, copy=False)
    return out, cache


def dropout_backward(dout, cache):
    dropout_param, mask = cache
    mode = dropout_param['mode']
    if mode == 'train':
        dx = dout * mask
    elif mode == 'test':
        dx = dout
    return dx
