"""Convolutional layer kernels: a NumPy port of the conv parts of cs231n assignment 2 (2017+ solutions)
``layers.py`` and ``layer_utils.py``.

Shapes follow the notebook: x (N, C, H, W), w (F, C, HH, WW), b (F,), all C order.
conv_param = {'stride', 'pad'} (zero padding with np.pad); pool_param = {'pool_height', 'pool_width', 'stride'}.
The naive layers keep the textbook nested loops, because they are the reference the Java naive kernels
mirror; the sandwiches use the naive layers.  Spatial batchnorm reuses ``layers.batchnorm_forward`` /
``layers.batchnorm_backward_alt`` on the (N*H*W, C) transpose.
"""
import numpy as np

from . import layers as L


# ----------------------------------------------------------------------------
# convolution
# ----------------------------------------------------------------------------
def conv_out_size(size, field, pad, stride):
    """1 + (size + 2*pad - field) // stride, raising if the filter does not tile the padded input exactly
    (the cs231n solution asserts the same divisibility)."""
    span = size + 2 * pad - field
    assert span >= 0 and span % stride == 0, 'filter %d with pad %d and stride %d does not tile size %d' % (
        field, pad, stride, size)
    return 1 + span // stride


def conv_forward_naive(x, w, b, conv_param):
    """out[n, f, i, j] = sum(x_pad[n, :, i*s:i*s+HH, j*s:j*s+WW] * w[f]) + b[f]; out (N, F, H', W') with
    H' = 1 + (H + 2*pad - HH) // stride, W' likewise.  cache = (x, w, b, conv_param)."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    stride, pad = conv_param['stride'], conv_param['pad']
    H_out = conv_out_size(H, HH, pad, stride)
    W_out = conv_out_size(W, WW, pad, stride)
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode='constant', constant_values=0)
    out = np.zeros((N, F, H_out, W_out), dtype=x.dtype)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    cache = (x, w, b, conv_param)
    return out, cache


def conv_backward_naive(dout, cache):
    """Returns dx (N, C, H, W), dw (F, C, HH, WW), db (F,): the same loops as the forward pass, each output
    position scattering dout[n, f, i, j] * w[f] into the padded dx window and x_pad window * dout into dw[f];
    db = sum of dout over n, i, j.  dx is the padded gradient with the pad cut off."""
    x, w, b, conv_param = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    stride, pad = conv_param['stride'], conv_param['pad']
    _, _, H_out, W_out = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode='constant', constant_values=0)
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros_like(w)
    db = np.zeros_like(b)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    d = dout[n, f, i, j]
                    hs, ws = i * stride, j * stride
                    db[f] += d
                    dw[f] += x_pad[n, :, hs:hs + HH, ws:ws + WW] * d
                    dx_pad[n, :, hs:hs + HH, ws:ws + WW] += w[f] * d
    dx = dx_pad[:, :, pad:pad + H, pad:pad + W]
    return dx, dw, db


# ----------------------------------------------------------------------------
# max pooling
# ----------------------------------------------------------------------------
def max_pool_forward_naive(x, pool_param):
    """out[n, c, i, j] = max(x[n, c, i*s:i*s+ph, j*s:j*s+pw]); out (N, C, H', W') with
    H' = 1 + (H - pool_height) // stride (the remainder rows/columns are dropped, as the cs231n solution does).
    cache = (x, pool_param)."""
    N, C, H, W = x.shape
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    H_out = 1 + (H - ph) // stride
    W_out = 1 + (W - pw) // stride
    out = np.zeros((N, C, H_out, W_out), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    out[n, c, i, j] = np.max(x[n, c, i * stride:i * stride + ph, j * stride:j * stride + pw])
    cache = (x, pool_param)
    return out, cache


def max_pool_backward_naive(dout, cache):
    """dx (N, C, H, W): each dout[n, c, i, j] goes to the FIRST maximum of its window in C order (what
    np.argmax + np.unravel_index pick); overlapping windows (stride < pool size) accumulate."""
    x, pool_param = cache
    N, C, H, W = x.shape
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    _, _, H_out, W_out = dout.shape
    dx = np.zeros_like(x)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    window = x[n, c, i * stride:i * stride + ph, j * stride:j * stride + pw]
                    r, s = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, c, i * stride + r, j * stride + s] += dout[n, c, i, j]
    return dx


# ----------------------------------------------------------------------------
# spatial batch normalisation (reuses layers.batchnorm_*)
# ----------------------------------------------------------------------------
def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    """Batchnorm over (N, H, W) per channel: x (N, C, H, W), gamma/beta (C,).  x is transposed to
    (N*H*W, C), normalised by layers.batchnorm_forward (bn_param as there: 'mode', 'eps', 'momentum',
    running stats (C,)), and transposed back."""
    N, C, H, W = x.shape
    x_t = x.transpose(0, 2, 3, 1).reshape(-1, C)
    out_t, cache = L.batchnorm_forward(x_t, gamma, beta, bn_param)
    out = out_t.reshape(N, H, W, C).transpose(0, 3, 1, 2)
    return out, cache


def spatial_batchnorm_backward(dout, cache):
    """Returns dx (N, C, H, W), dgamma (C,), dbeta (C,) through layers.batchnorm_backward_alt on the
    (N*H*W, C) transpose."""
    N, C, H, W = dout.shape
    dout_t = dout.transpose(0, 2, 3, 1).reshape(-1, C)
    dx_t, dgamma, dbeta = L.batchnorm_backward_alt(dout_t, cache)
    dx = dx_t.reshape(N, H, W, C).transpose(0, 3, 1, 2)
    return dx, dgamma, dbeta


# ----------------------------------------------------------------------------
# spatial group normalisation
# ----------------------------------------------------------------------------
def spatial_groupnorm_forward(x, gamma, beta, G, gn_param):
    """Group normalisation: x (N, C, H, W) split into G groups of C // G channels; each (sample, group) is
    normalised with its own mean and biased variance over (C // G, H, W):
    x_hat = (x - mean) / sqrt(var + eps); out = gamma * x_hat + beta, gamma/beta (1, C, 1, 1).
    gn_param: optional 'eps' (1e-5).  There are no running statistics (train and test are the same)."""
    eps = gn_param.get('eps', 1e-5)
    N, C, H, W = x.shape
    assert C % G == 0, 'C = %d is not a multiple of G = %d' % (C, G)
    x_g = x.reshape(N, G, C // G, H, W)
    mean = x_g.mean(axis=(2, 3, 4), keepdims=True)
    var = x_g.var(axis=(2, 3, 4), keepdims=True)
    std = np.sqrt(var + eps)
    x_hat = ((x_g - mean) / std).reshape(N, C, H, W)
    out = gamma * x_hat + beta
    cache = (x_hat, gamma, std, G)
    return out, cache


def spatial_groupnorm_backward(dout, cache):
    """Returns dx (N, C, H, W), dgamma and dbeta (1, C, 1, 1).  Per (sample, group) with M = C//G*H*W
    elements, the closed form of batchnorm_backward_alt:
    dx = (1/M) / std * (M * dx_hat - sum(dx_hat) - x_hat * sum(dx_hat * x_hat)), dx_hat = dout * gamma."""
    x_hat, gamma, std, G = cache
    N, C, H, W = dout.shape
    dbeta = np.sum(dout, axis=(0, 2, 3), keepdims=True)
    dgamma = np.sum(dout * x_hat, axis=(0, 2, 3), keepdims=True)
    dx_hat = (dout * gamma).reshape(N, G, C // G, H, W)
    x_hat_g = x_hat.reshape(N, G, C // G, H, W)
    M = C // G * H * W
    dx = (1.0 / M) / std * (M * dx_hat - np.sum(dx_hat, axis=(2, 3, 4), keepdims=True)
                            - x_hat_g * np.sum(dx_hat * x_hat_g, axis=(2, 3, 4), keepdims=True))
    return dx.reshape(N, C, H, W), dgamma, dbeta


# ----------------------------------------------------------------------------
# layer_utils sandwiches (on the naive layers)
# ----------------------------------------------------------------------------
def conv_relu_forward(x, w, b, conv_param):
    a, conv_cache = conv_forward_naive(x, w, b, conv_param)
    out, relu_cache = L.relu_forward(a)
    cache = (conv_cache, relu_cache)
    return out, cache


def conv_relu_backward(dout, cache):
    conv_cache, relu_cache = cache
    da = L.relu_backward(dout, relu_cache)
    dx, dw, db = conv_backward_naive(da, conv_cache)
    return dx, dw, db


def conv_relu_pool_forward(x, w, b, conv_param, pool_param):
    a, conv_cache = conv_forward_naive(x, w, b, conv_param)
    s, relu_cache = L.relu_forward(a)
    out, pool_cache = max_pool_forward_naive(s, pool_param)
    cache = (conv_cache, relu_cache, pool_cache)
    return out, cache


def conv_relu_pool_backward(dout, cache):
    conv_cache, relu_cache, pool_cache = cache
    ds = max_pool_backward_naive(dout, pool_cache)
    da = L.relu_backward(ds, relu_cache)
    dx, dw, db = conv_backward_naive(da, conv_cache)
    return dx, dw, db
