"""A NumPy port of the UCLA nndl ``fc_net.py`` (seed 001): the modular
TwoLayerNet and the FullyConnectedNet.  Both use the 0.5 * reg * sum(W*W)
regularisation convention (gradient reg * W).

Order of the keys in ``params`` (the Solver iterates ``params.items()`` in
this order; the random draws happen in the order of the W keys):
- TwoLayerNet:       W1, W2, b1, b2   (seed 001 inserts both weights first)
- FullyConnectedNet: W1, b1, [gamma1, beta1,] W2, b2, [gamma2, beta2,] ...,
                     WL, bL           (gamma_i / beta_i only with batchnorm,
                     for i = 1 .. L-1, inserted right after b_i)
"""
import numpy as np

from .layers import (affine_forward, affine_backward, relu_forward, relu_backward,
                     affine_relu_forward, affine_relu_backward, softmax_loss,
                     batchnorm_forward, batchnorm_backward,
                     dropout_forward, dropout_backward)


class TwoLayerNet(object):
    """affine - relu - affine - softmax, W1 (D, H), W2 (H, C)."""

    def __init__(self, input_dim=3 * 32 * 32, hidden_dims=100, num_classes=10,
                 dropout=0, weight_scale=1e-3, reg=0.0):
        self.params = {}
        self.reg = reg
        # draw order: W1 then W2 (each np.random.normal(0, weight_scale, shape))
        self.params['W1'] = np.random.normal(0, weight_scale, (input_dim, hidden_dims))
        self.params['W2'] = np.random.normal(0, weight_scale, (hidden_dims, num_classes))
        self.params['b1'] = np.zeros(hidden_dims)
        self.params['b2'] = np.zeros(num_classes)

    def loss(self, X, y=None):
        hidden, cache_hidden = affine_relu_forward(X, self.params['W1'], self.params['b1'])
        scores, cache_scores = affine_forward(hidden, self.params['W2'], self.params['b2'])

        if y is None:
            return scores

        loss, grads = 0, {}
        loss, dout = softmax_loss(scores, y)
        loss += 0.5 * self.reg * (np.sum(self.params['W1'] ** 2) + np.sum(self.params['W2'] ** 2))
        dh, dw2, db2 = affine_backward(dout, cache_scores)
        dx, dw1, db1 = affine_relu_backward(dh, cache_hidden)
        grads['W1'] = dw1 + self.reg * self.params['W1']
        grads['b1'] = db1
        grads['W2'] = dw2 + self.reg * self.params['W2']
        grads['b2'] = db2
        return loss, grads


class FullyConnectedNet(object):
    """{affine - [batchnorm] - relu - [dropout]} x (L - 1) - affine - softmax.

    dropout: the nndl KEEP probability p (0 = no dropout layer at all).
    dtype: default np.float64 here; NOTE the seed's signature defaults to
    np.float32 -- every vector in this package passes dtype=np.float64.
    """

    def __init__(self, hidden_dims, input_dim=3 * 32 * 32, num_classes=10,
                 dropout=0, use_batchnorm=False, reg=0.0,
                 weight_scale=1e-2, dtype=np.float64, seed=None):
        self.use_batchnorm = use_batchnorm
        self.use_dropout = dropout > 0
        self.reg = reg
        self.num_layers = 1 + len(hidden_dims)
        self.dtype = dtype
        self.params = {}

        for i in np.arange(self.num_layers):
            if i == 0:
                self.params['W' + str(i + 1)] = np.random.normal(0, weight_scale, (input_dim, hidden_dims[i]))
                self.params['b' + str(i + 1)] = np.zeros(hidden_dims[i])
            elif i == self.num_layers - 1:
                self.params['W' + str(i + 1)] = np.random.normal(0, weight_scale, (hidden_dims[i - 1], num_classes))
                self.params['b' + str(i + 1)] = np.zeros(num_classes)
            else:
                self.params['W' + str(i + 1)] = np.random.normal(0, weight_scale, (hidden_dims[i - 1], hidden_dims[i]))
                self.params['b' + str(i + 1)] = np.zeros(hidden_dims[i])
            if self.use_batchnorm and i < self.num_layers - 1:
                self.params['gamma' + str(i + 1)] = np.ones(hidden_dims[i])
                self.params['beta' + str(i + 1)] = np.zeros(hidden_dims[i])

        self.dropout_param = {}
        if self.use_dropout:
            self.dropout_param = {'mode': 'train', 'p': dropout}
            if seed is not None:
                self.dropout_param['seed'] = seed

        self.bn_params = []
        if self.use_batchnorm:
            self.bn_params = [{'mode': 'train'} for i in np.arange(self.num_layers - 1)]

        # Cast all parameters to the correct datatype
        for k, v in self.params.items():
            self.params[k] = v.astype(dtype)

    def loss(self, X, y=None):
        X = X.astype(self.dtype)
        mode = 'test' if y is None else 'train'

        if self.dropout_param is not None:
            self.dropout_param['mode'] = mode
        if self.use_batchnorm:
            for bn_param in self.bn_params:
                # the seed has the bug ``bn_param[mode] = mode``; fixed here
                bn_param['mode'] = mode

        caches = []
        h = X
        scores = None
        for i in range(self.num_layers):
            W = self.params['W' + str(i + 1)]
            b = self.params['b' + str(i + 1)]
            if i == self.num_layers - 1:
                scores, cache = affine_forward(h, W, b)
                caches.append(cache)
            elif not self.use_batchnorm and not self.use_dropout:
                # exactly the seed's path
                h, cache = affine_relu_forward(h, W, b)
                caches.append(cache)
            else:
                a, fc_cache = affine_forward(h, W, b)
                bn_cache = None
                if self.use_batchnorm:
                    a, bn_cache = batchnorm_forward(a, self.params['gamma' + str(i + 1)],
                                                    self.params['beta' + str(i + 1)],
                                                    self.bn_params[i])
                h, relu_cache = relu_forward(a)
                do_cache = None
                if self.use_dropout:
                    h, do_cache = dropout_forward(h, self.dropout_param)
                caches.append((fc_cache, bn_cache, relu_cache, do_cache))

        if mode == 'test':
            return scores

        loss, grads = 0.0, {}
        loss, dhidden = softmax_loss(scores, y)
        dH1 = None
        for i in range(self.num_layers, 0, -1):
            Wi = self.params['W{}'.format(i)]
            loss += 0.5 * self.reg * np.sum(Wi * Wi)
            if i == self.num_layers:
                dH1, dW, db = affine_backward(dhidden, caches[i - 1])
            elif not self.use_batchnorm and not self.use_dropout:
                dH1, dW, db = affine_relu_backward(dH1, caches[i - 1])
            else:
                fc_cache, bn_cache, relu_cache, do_cache = caches[i - 1]
                d = dH1
                if self.use_dropout:
                    d = dropout_backward(d, do_cache)
                d = relu_backward(d, relu_cache)
                if self.use_batchnorm:
                    d, dgamma, dbeta = batchnorm_backward(d, bn_cache)
                    grads['gamma{}'.format(i)] = dgamma
                    grads['beta{}'.format(i)] = dbeta
                dH1, dW, db = affine_backward(d, fc_cache)
            grads['W{}'.format(i)] = dW + self.reg * Wi
            grads['b{}'.format(i)] = db

        return loss, grads
