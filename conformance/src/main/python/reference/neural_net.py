"""NumPy ports of the two non-modular two-layer nets.

TwoLayerNet    -- cs231n assignment 1 ``neural_net.py`` exactly as seed 003
                  shows it (BLG 506E solution; the seed that printed the
                  reference numbers 1.30378789133 and 0.017149607938732048):
                  W1 (D, H), W2 (H, C), L2 reg * sum(W*W) (no 0.5),
                  gradient reg * 2 * W.
TwoLayerNetHD  -- the UCLA nndl variant of seed 001: W1 stored (H, D),
                  W2 stored (C, H), 0.5 * reg convention (gradient reg * W).

Operation-order notes (seed 003, TwoLayerNet.loss):
  fc1 = X.dot(W1) + b1; af1 = np.maximum(0, fc1); scores = af1.dot(W2) + b2
  P = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)   # NO max shift
  loss = -np.sum(np.log(P[arange(N), y])) / N
  loss += reg * (np.sum(W2 * W2) + np.sum(W1 * W1))                    # W2 first
  P[arange(N), y] -= 1; P /= N
  dW2 = af1.T.dot(P); db2 = P.sum(0); dh = P.dot(W2.T); dfc1 = dh * (fc1 > 0)
  dW1 = X.T.dot(dfc1); db1 = dfc1.sum(0); dW1 += reg * 2 * W1; dW2 += reg * 2 * W2
The generic cs231n reference instead shifts by the row max and writes
``reg * np.sum(W1 * W1) + reg * np.sum(W2 * W2)`` / ``2 * reg * W``;
``loss_variant='cs231n'`` selects that form (same value up to rounding).
"""
import numpy as np


class TwoLayerNet(object):

    def __init__(self, input_size, hidden_size, output_size, std=1e-4, loss_variant='seed003'):
        self.params = {}
        self.params['W1'] = std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)
        if loss_variant not in ('seed003', 'cs231n'):
            raise ValueError(loss_variant)
        self.loss_variant = loss_variant

    def loss(self, X, y=None, reg=0.0):
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        N, D = X.shape

        fc1 = X.dot(W1) + b1
        af1 = np.maximum(0, fc1)
        scores = af1.dot(W2) + b2

        if y is None:
            return scores

        grads = {}
        if self.loss_variant == 'seed003':
            P = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
            L = -np.sum(np.log(P[np.arange(N), y]))
            loss = L / N
            loss += reg * (np.sum(W2 * W2) + np.sum(W1 * W1))

            P[np.arange(N), y] -= 1
            P /= N
            grads['W2'] = af1.T.dot(P)
            grads['b2'] = P.sum(axis=0)
            dW1 = P.dot(W2.T)
            dfc1 = dW1 * (fc1 > 0)
            grads['W1'] = X.T.dot(dfc1)
            grads['b1'] = dfc1.sum(axis=0)
            grads['W1'] += reg * 2 * W1
            grads['W2'] += reg * 2 * W2
        else:
            shifted = scores - np.max(scores, axis=1, keepdims=True)
            exp_scores = np.exp(shifted)
            probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
            loss = -np.sum(np.log(probs[np.arange(N), y])) / N
            loss += reg * np.sum(W1 * W1) + reg * np.sum(W2 * W2)

            dscores = probs
            dscores[np.arange(N), y] -= 1
            dscores /= N
            grads['W2'] = af1.T.dot(dscores) + 2 * reg * W2
            grads['b2'] = np.sum(dscores, axis=0)
            dhidden = dscores.dot(W2.T)
            dhidden[fc1 <= 0] = 0
            grads['W1'] = X.T.dot(dhidden) + 2 * reg * W1
            grads['b1'] = np.sum(dhidden, axis=0)
        return loss, grads

    def train(self, X, y, X_val, y_val,
              learning_rate=1e-3, learning_rate_decay=0.95,
              reg=5e-6, num_iters=100,
              batch_size=200, verbose=False, batch_log=None):
        """SGD as in seed 003.  iterations_per_epoch is the FLOAT
        max(num_train / batch_size, 1); the learning rate decays (and the
        accuracies are recorded) whenever ``it % iterations_per_epoch == 0``.
        batch_log: optional list receiving every drawn index array (extra)."""
        num_train = X.shape[0]
        iterations_per_epoch = max(num_train / batch_size, 1)

        loss_history = []
        train_acc_history = []
        val_acc_history = []

        for it in range(num_iters):
            batch_indices = np.random.choice(num_train, batch_size)
            if batch_log is not None:
                batch_log.append(batch_indices.copy())
            X_batch = X[batch_indices]
            y_batch = y[batch_indices]

            loss, grads = self.loss(X_batch, y=y_batch, reg=reg)
            loss_history.append(loss)

            self.params['W1'] -= learning_rate * grads['W1']
            self.params['b1'] -= learning_rate * grads['b1']
            self.params['W2'] -= learning_rate * grads['W2']
            self.params['b2'] -= learning_rate * grads['b2']

            if verbose and it % 100 == 0:
                print('iteration %d / %d: loss %f' % (it, num_iters, loss))

            if it % iterations_per_epoch == 0:
                train_acc = (self.predict(X_batch) == y_batch).mean()
                val_acc = (self.predict(X_val) == y_val).mean()
                train_acc_history.append(train_acc)
                val_acc_history.append(val_acc)
                learning_rate *= learning_rate_decay

        return {
            'loss_history': loss_history,
            'train_acc_history': train_acc_history,
            'val_acc_history': val_acc_history,
        }

    def predict(self, X):
        scores = self.loss(X)
        y_pred = np.argmax(scores, axis=1)
        return y_pred


class TwoLayerNetHD(object):
    """UCLA nndl ``neural_net.py`` (seed 001): W1 (H, D), W2 (C, H)."""

    def __init__(self, input_size, hidden_size, output_size, std=1e-4):
        self.params = {}
        self.params['W1'] = std * np.random.randn(hidden_size, input_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = std * np.random.randn(output_size, hidden_size)
        self.params['b2'] = np.zeros(output_size)

    def loss(self, X, y=None, reg=0.0):
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        N, D = X.shape

        h1 = np.dot(X, W1.T) + b1
        h1[h1 <= 0] = 0
        h2 = np.dot(h1, W2.T) + b2

        real_scores = h2
        scores = h2 - np.max(h2, axis=1, keepdims=True)
        exp_scores = np.exp(scores)
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)

        if y is None:
            return real_scores

        num_examples = X.shape[0]
        correct_logprobs = -np.log(probs[range(num_examples), y])
        data_loss = np.sum(correct_logprobs) / num_examples
        reg_loss = 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
        loss = data_loss + reg_loss

        grads = {}
        dscores = probs
        dscores[range(N), y] -= 1
        dscores /= N
        grads['W2'] = np.dot(dscores.T, h1) + reg * W2
        grads['b2'] = np.sum(dscores, axis=0)
        dh1 = np.dot(dscores, W2)
        dh1[h1 <= 0] = 0
        grads['W1'] = np.dot(dh1.T, X) + reg * W1
        grads['b1'] = np.sum(dh1, axis=0)
        return loss, grads

    def train(self, X, y, X_val, y_val,
              learning_rate=1e-3, learning_rate_decay=0.95,
              reg=1e-5, num_iters=100,
              batch_size=200, verbose=False, batch_log=None):
        """As seed 001 (note the nndl default reg=1e-5); same float
        iterations_per_epoch logic as TwoLayerNet.train."""
        num_train = X.shape[0]
        iterations_per_epoch = max(num_train / batch_size, 1)

        loss_history = []
        train_acc_history = []
        val_acc_history = []

        for it in np.arange(num_iters):
            indexes = np.random.choice(num_train, batch_size)
            if batch_log is not None:
                batch_log.append(indexes.copy())
            X_batch = X[indexes]
            y_batch = y[indexes]

            loss, grads = self.loss(X_batch, y=y_batch, reg=reg)
            loss_history.append(loss)

            self.params['W1'] -= learning_rate * grads['W1']
            self.params['W2'] -= learning_rate * grads['W2']
            self.params['b1'] -= learning_rate * grads['b1']
            self.params['b2'] -= learning_rate * grads['b2']

            if verbose and it % 100 == 0:
                print('iteration {} / {}: loss {}'.format(it, num_iters, loss))

            if it % iterations_per_epoch == 0:
                train_acc = (self.predict(X_batch) == y_batch).mean()
                val_acc = (self.predict(X_val) == y_val).mean()
                train_acc_history.append(train_acc)
                val_acc_history.append(val_acc)
                learning_rate *= learning_rate_decay

        return {
            'loss_history': loss_history,
            'train_acc_history': train_acc_history,
            'val_acc_history': val_acc_history,
        }

    def predict(self, X):
        something = np.dot(np.maximum(0, np.dot(X, self.params['W1'].T) + self.params['b1']),
                            self.params['W2'].T) + self.params['b2']
        y_pred = np.argmax(something, axis=1)
        return y_pred
