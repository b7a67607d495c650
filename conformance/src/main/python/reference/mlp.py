"""NumPy port of seed 002's ``mlp.py`` (TwoLayerMLP, activation 'relu' or
'sigmoid').  W1 (D, H), W2 (H, C); 0.5 * reg loss, reg * W gradient; the
data gradients are averaged with ``/ N`` (weights) and ``np.mean`` (biases).
"""
import numpy as np


class TwoLayerMLP(object):

    def __init__(self, input_size, hidden_size, output_size, std=1e-4, activation='relu'):
        self.params = {}
        self.params['W1'] = std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)
        self.activation = activation

    def loss(self, X, y=None, reg=0.0):
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        _, C = W2.shape
        N, D = X.shape

        z1 = np.dot(X, W1) + b1
        if self.activation == 'relu':
            hidden = np.maximum(0, z1)
        elif self.activation == 'sigmoid':
            hidden = 1 / (1 + np.exp(-z1))
        else:
            raise ValueError('Unknown activation type')

        z2 = np.dot(hidden, W2) + b2
        scores = z2

        if y is None:
            return scores

        # cross-entropy loss with log-sum-exp
        A = np.max(scores, axis=1)
        F = np.exp(scores - A.reshape(N, 1))
        P = F / np.sum(F, axis=1).reshape(N, 1)
        loss = np.mean(-np.choose(y, scores.T) + np.log(np.sum(F, axis=1)) + A)
        loss += 0.5 * reg * np.sum(W1 * W1)
        loss += 0.5 * reg * np.sum(W2 * W2)

        grads = {}
        dscore = (P - np.eye(C)[y])
        dW2 = np.dot(hidden.T, dscore) / N
        db2 = np.mean(dscore, axis=0)

        dhidden = np.dot(dscore, W2.T)
        if self.activation == 'relu':
            dz1 = dhidden * (z1 > 0).astype(float)
        elif self.activation == 'sigmoid':
            dz1 = dhidden * hidden * (1 - hidden)
        else:
            raise ValueError('Unknown activation type')

        dW1 = np.dot(X.T, dz1) / N
        db1 = np.mean(dz1, axis=0)

        grads['W2'] = dW2 + reg * W2
        grads['b2'] = db2
        grads['W1'] = dW1 + reg * W1
        grads['b1'] = db1
        return loss, grads

    def train(self, X, y, X_val, y_val,
              learning_rate=1e-3, learning_rate_decay=0.95,
              reg=1e-5, num_epochs=10,
              batch_size=200, verbose=False):
        num_train = X.shape[0]
        iterations_per_epoch = max(int(num_train / batch_size), 1)

        loss_history = []
        grad_magnitude_history = []
        train_acc_history = []
        val_acc_history = []

        np.random.seed(1)
        for epoch in range(num_epochs):
            perm = np.random.permutation(num_train)
            for it in range(iterations_per_epoch):
                idx = perm[it * batch_size:(it + 1) * batch_size]
                X_batch = X[idx, :]
                y_batch = y[idx]

                loss, grads = self.loss(X_batch, y=y_batch, reg=reg)
                loss_history.append(loss)

                for param in self.params:
                    self.params[param] -= grads[param] * learning_rate

                grad_magnitude_history.append(np.linalg.norm(grads['W1']))

            train_acc = (self.predict(X_batch) == y_batch).mean()
            val_acc = (self.predict(X_val) == y_val).mean()
            train_acc_history.append(train_acc)
            val_acc_history.append(val_acc)
            if verbose:
                print('Epoch %d: loss %f, train_acc %f, val_acc %f' % (
                    epoch + 1, loss, train_acc, val_acc))

            learning_rate *= learning_rate_decay

        return {
            'loss_history': loss_history,
            'grad_magnitude_history': grad_magnitude_history,
            'train_acc_history': train_acc_history,
            'val_acc_history': val_acc_history,
        }

    def predict(self, X):
        scores = self.loss(X)
        y_pred = np.argmax(scores, axis=1)
        return y_pred
