"""Re-pickles a fixture batch with real Python 2.7 cPickle, protocol 2, as the CIFAR-10 authors did.

NumPy is not installable for Python 2 here, so ./numpy is a stand-in whose ndarray and dtype reduce
exactly as NumPy 1.x's C code does (_reconstruct(ndarray, (0,), 'b') + state (1, shape, dtype,
is_fortran, raw str); dtype('u1', 0, 1) + state (3, '|', None, None, None, -1, -1, 0)). Used to check
that make_fixtures.py's Python-3 emulation writes the same opcodes and globals, and to make
fixtures/cifar/python2-cpickle-batch. Run with a Python 2.7 (e.g. pyenv's 2.7.18):

    python2.7 dump_batch.py ../../resources/org/backprop4j/datasets/fixtures/cifar/cifar-10-batches-py/data_batch_1 \
        > ../../resources/org/backprop4j/datasets/fixtures/cifar/python2-cpickle-batch
"""
import os
import pickletools
import sys

import cPickle

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy  # the stand-in

src = open(sys.argv[1], 'rb').read()
ops = list(pickletools.genops(src))
strings = [a for op, a, pos in ops if op.name in ('SHORT_BINSTRING', 'BINSTRING')]
data = [s for s in strings if len(s) > 1000][0]
n = len(data) // 3072
labels = [a for op, a, pos in ops if op.name == 'BININT1'][0:n]
d = {'batch_label': strings[1], 'labels': labels,
     'data': numpy.ndarray((n, 3072), numpy.dtype('u1'), data),
     'filenames': [s for s in strings if s.startswith('img_')]}
sys.stdout.write(cPickle.dumps(d, 2))
