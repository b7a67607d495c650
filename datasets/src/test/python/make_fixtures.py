#!/usr/bin/env python3
"""Writes the test fixtures of the datasets module (the Java tests do not need Python).

Run from anywhere with python3 and NumPy (any 1.x or 2.x):

    python3 datasets/src/test/python/make_fixtures.py

Outputs, under datasets/src/test/resources/org/backprop4j/datasets/:
  fixtures/cifar/cifar-10-batches-py/   five training batches of 4 images and a test batch of 5, written
                                        as Python 2's cPickle wrote the real ones (protocol 2, str = bytes)
  fixtures/cifar/cifar-10-batches-bin/  the same images as binary records
  fixtures/cifar/expected.npz           what cs231n's load_CIFAR10 + get_CIFAR10_data(18, 2, 3) give
  fixtures/cifar/py3-protocol2-batch    the same first batch pickled by Python 3 + NumPy 2, protocol 2
  fixtures/cifar/py3/                   data_batch_1 re-saved by Python 3 with protocols 2..5, str or bytes keys,
                                        by the running NumPy; `make_fixtures.py cifar-py3` writes only these: run
                                        it with NumPy 2 and with NumPy 1 (e.g. Debian 12's python3-numpy 1.24:
                                        /usr/bin/python3 make_fixtures.py cifar-py3)
  (fixtures/cifar/python2-cpickle-batch is made by py2_cpickle/dump_batch.py with a real Python 2.7)
  fixtures/npy/*.npy, fixtures/npz/*.npz arrays of every supported dtype and NPY version, and broken ones
  */…FuzzTestInputs/<method>/           seed corpora of the Jazzer fuzz tests
"""
import io
import os
import pickle
import struct
import warnings
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "..", "resources", "org", "backprop4j", "datasets")
FIX = os.path.join(RES, "fixtures")


def out(*parts):
    path = os.path.join(*parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def write(path, data):
    with open(out(path), "wb") as f:
        f.write(data)


# ----------------------------------------------------------------------------- Python 2 style pickles

class _Global:
    """A callable named by module and name, pickled as GLOBAL exactly like Python 2 did."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):
        raise TypeError("a stand-in for pickling only")


RECONSTRUCT = _Global("numpy.core.multiarray", "_reconstruct")
NDARRAY = _Global("numpy", "ndarray")
DTYPE = _Global("numpy", "dtype")


class Py2Pickler(pickle._Pickler):
    """Protocol 2 as Python 2's cPickle wrote it: bytes are `str` (SHORT_BINSTRING/BINSTRING), NumPy
    arrays reduce through numpy.core.multiarray._reconstruct, dtypes through numpy.dtype('u1', 0, 1)."""

    dispatch = pickle._Pickler.dispatch.copy()

    def __init__(self, f):
        super().__init__(f, protocol=2)

    def save_py2_str(self, obj):
        n = len(obj)
        if n < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([n]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", n) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str

    def save_global_name(self, obj):
        self.write(pickle.GLOBAL + obj.module.encode() + b"\n" + obj.name.encode() + b"\n")
        self.memoize(obj)

    dispatch[_Global] = save_global_name

    def reducer_override(self, obj):
        if isinstance(obj, np.ndarray):
            assert obj.flags.c_contiguous
            dt = obj.dtype
            return (RECONSTRUCT, (NDARRAY, (0,), b"b"), (1, obj.shape, dt, False, obj.tobytes()))
        if isinstance(obj, np.dtype):
            return (DTYPE, (dt_name(obj).encode(), 0, 1), (3, b"|" if obj.itemsize == 1 else b"<", None, None, None, -1, -1, 0))
        return NotImplemented


def dt_name(dt):
    return dt.str[1:]


def py2_pickle(obj):
    buf = io.BytesIO()
    Py2Pickler(buf).dump(obj)
    return buf.getvalue()


def load_cifar_batch_like_cs231n(path):
    """cs231n's load_CIFAR_batch, verbatim in substance."""
    with open(path, "rb") as f:
        datadict = pickle.load(f, encoding="latin1")
        X = datadict["data"]
        Y = datadict["labels"]
        X = X.reshape(len(Y), 3, 32, 32).transpose(0, 2, 3, 1).astype("float")
        Y = np.array(Y)
        return X, Y


def cifar_fixtures():
    rng = np.random.RandomState(1)
    sizes = [4, 4, 4, 4, 4, 5]
    names = [f"data_batch_{b}" for b in range(1, 6)] + ["test_batch"]
    pydir = os.path.join(FIX, "cifar", "cifar-10-batches-py")
    bindir = os.path.join(FIX, "cifar", "cifar-10-batches-bin")
    for name, n in zip(names, sizes):
        data = rng.randint(0, 256, size=(n, 3072)).astype(np.uint8)
        labels = [int(v) for v in rng.randint(0, 10, size=n)]
        d = {b"batch_label": f"{name} of fixture".encode(), b"labels": labels, b"data": data,
             b"filenames": [f"img_{i}.png".encode() for i in range(n)]}
        write(os.path.join(pydir, name), py2_pickle(d))
        records = b"".join(bytes([labels[i]]) + data[i].tobytes() for i in range(n))
        write(os.path.join(bindir, name + ".bin"), records)
        if name == "data_batch_1":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                write(os.path.join(FIX, "cifar", "py3-protocol2-batch"),
                      pickle.dumps({"data": data, "labels": labels}, protocol=2))
    # cs231n load_CIFAR10 + get_CIFAR10_data(num_training=18, num_validation=2, num_test=3)
    xs, ys = [], []
    for b in range(1, 6):
        X, Y = load_cifar_batch_like_cs231n(os.path.join(pydir, f"data_batch_{b}"))
        xs.append(X)
        ys.append(Y)
    X_train, y_train = np.concatenate(xs), np.concatenate(ys)
    X_test, y_test = load_cifar_batch_like_cs231n(os.path.join(pydir, "test_batch"))
    num_training, num_validation, num_test = 18, 2, 3
    mask = list(range(num_training, num_training + num_validation))
    X_val, y_val = X_train[mask], y_train[mask]
    mask = list(range(num_training))
    X_train, y_train = X_train[mask], y_train[mask]
    mask = list(range(num_test))
    X_test, y_test = X_test[mask], y_test[mask]
    mean_image = np.mean(X_train, axis=0)
    X_train -= mean_image
    X_val -= mean_image
    X_test -= mean_image
    np.savez(out(FIX, "cifar", "expected.npz"),
             X_train=X_train.reshape(num_training, -1), y_train=y_train,
             X_val=X_val.reshape(num_validation, -1), y_val=y_val,
             X_test=X_test.reshape(num_test, -1), y_test=y_test,
             mean_image=mean_image.reshape(1, -1))
    # Fuzz seeds: one-image batches in both formats.
    one = rng.randint(0, 256, size=(1, 3072)).astype(np.uint8)
    write(os.path.join(RES, "cifar", "CifarFuzzTestInputs", "pythonBatch", "one_image"),
          py2_pickle({b"data": one, b"labels": [3]}))
    write(os.path.join(RES, "cifar", "CifarFuzzTestInputs", "binaryBatch", "one_image"), bytes([3]) + one.tobytes())


def cifar_py3_fixtures():
    """data_batch_1 as a user re-saves it with Python 3 and the running NumPy: loaded as cs231n loads it
    (encoding='latin1': str keys) or with encoding='bytes' (bytes keys), then pickle.dump with protocol
    2 (bytes become _codecs.encode(str, 'latin1'); arrays numpy[._]core.multiarray._reconstruct), 3, 4
    (SHORT_BINBYTES/BINBYTES; protocol 4 framed) or 5 (arrays numpy[._]core.numeric._frombuffer of an
    in-band bytearray). Written as fixtures/cifar/py3/numpy<major>-<encoding>-protocol<p>."""
    src = os.path.join(FIX, "cifar", "cifar-10-batches-py", "data_batch_1")
    major = np.__version__.split(".")[0]
    for encoding in ["latin1", "bytes"]:
        with open(src, "rb") as f:
            d = pickle.load(f, encoding=encoding)
        for protocol in [2, 3, 4, 5]:
            write(os.path.join(FIX, "cifar", "py3", f"numpy{major}-{encoding}-protocol{protocol}"),
                  pickle.dumps(d, protocol=protocol))
    # Fuzz seeds: a one-image batch in the forms Python 3 adds (protocol 2 with _codecs.encode, protocol 5 with _frombuffer).
    one = {"data": np.arange(3072, dtype=np.uint64).astype(np.uint8).reshape(1, 3072), "labels": [7]}
    for protocol in [2, 5]:
        write(os.path.join(RES, "cifar", "CifarFuzzTestInputs", "pythonBatch", f"one_image_numpy{major}_protocol{protocol}"),
              pickle.dumps(one, protocol=protocol))


# ----------------------------------------------------------------------------- NPY / NPZ

FLOAT_TYPES = ["<f8", "<f4", ">f8", ">f4"]
INT_TYPES = ["|u1", "<i8", "<i4", ">i8", ">i4"]


def values(descr, shape):
    """The values the Java tests expect: floats i*0.25-1.5, signed ints i*3-7, bytes i*20 (i in C order)."""
    i = np.arange(int(np.prod(shape)))
    if descr[1] == "f":
        v = i * 0.25 - 1.5
    elif descr[1] == "i":
        v = i * 3 - 7
    else:
        v = i * 20
    return v.astype(np.dtype(descr)).reshape(shape)


def save_npy(path, arr, version):
    with open(out(path), "wb") as f:
        np.lib.format.write_array(f, arr, version=version, allow_pickle=False)


def npy_fixtures():
    d = os.path.join(FIX, "npy")
    for descr in FLOAT_TYPES + INT_TYPES:
        tag = {"<": "le", ">": "be", "|": "na"}[descr[0]] + "_" + descr[1:]
        for version in [(1, 0), (2, 0), (3, 0)]:
            save_npy(os.path.join(d, f"{tag}_v{version[0]}.npy"), values(descr, (3, 4)), version)
    save_npy(os.path.join(d, "vector_i8.npy"), values("<i8", (5,)), (1, 0))
    save_npy(os.path.join(d, "images_u1.npy"), values("|u1", (2, 2, 2, 3)), (1, 0))
    save_npy(os.path.join(d, "fortran_f8.npy"), np.asfortranarray(values("<f8", (3, 4))), (1, 0))
    save_npy(os.path.join(d, "complex_c16.npy"), np.zeros((2, 2), dtype="<c16"), (1, 0))
    save_npy(os.path.join(d, "structured.npy"), np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]), (1, 0))
    full = open(os.path.join(d, "le_f8_v1.npy"), "rb").read()
    write(os.path.join(d, "truncated_f8.npy"), full[:-5])
    write(os.path.join(d, "too_long_f8.npy"), full + b"\0\0\0")
    for name in ["le_f8_v1", "be_i4_v2", "na_u1_v3"]:
        write(os.path.join(RES, "npy", "NpyFuzzTestInputs", "npy", name), open(os.path.join(d, name + ".npy"), "rb").read())

    z = os.path.join(FIX, "npz")
    rng = np.random.RandomState(2)
    X_train, X_val, X_test = rng.randn(6, 5), rng.randn(2, 5), rng.randn(3, 5)
    y_train, y_val, y_test = np.array([0, 1, 2, 3, 1, 0]), np.array([3, 2]), np.array([1, 1, 0])
    arrays = dict(X_train=X_train, y_train=y_train, X_val=X_val, y_val=y_val, X_test=X_test, y_test=y_test)
    np.savez(out(z, "data.npz"), **arrays)
    np.savez_compressed(out(z, "data_compressed.npz"), **arrays)
    np.savez(out(z, "no_test.npz"), X_train=X_train, y_train=y_train, X_val=X_val, y_val=y_val)
    np.savez(out(z, "uint8_images.npz"), X_train=values("|u1", (3, 2, 2, 3)), y_train=np.array([0, 1, 2], dtype=np.uint8),
             X_val=values("|u1", (1, 2, 2, 3)), y_val=np.array([2], dtype=np.int32))
    bad = dict(arrays)
    bad["X_val"] = X_val.copy()
    bad["X_val"][1, 3] = np.nan
    np.savez(out(z, "nan.npz"), **bad)
    bad = dict(arrays, y_train=np.array([0, 1, -2, 3, 1, 0]))
    np.savez(out(z, "negative_label.npz"), **bad)
    bad = dict(arrays, y_train=y_train[:5])
    np.savez(out(z, "label_count.npz"), **bad)
    bad = dict(arrays, y_val=np.array([0.0, 1.0]))
    np.savez(out(z, "float_labels.npz"), **bad)
    np.savez(out(z, "missing_y_val.npz"), X_train=X_train, y_train=y_train, X_val=X_val)
    npz_label_fixtures(arrays)
    write(os.path.join(z, "not_a_zip.npz"), b"this is not a zip file at all\n")
    raw = open(os.path.join(z, "data_compressed.npz"), "rb").read()
    write(os.path.join(z, "truncated.npz"), raw[: len(raw) // 2])


def npz_label_fixtures(arrays):
    """NPZ files whose labels are not class indices 0..C-1 with every class in y_train, and an empty split.
    data.npz's labels are y_train [0 1 2 3 1 0], y_val [3 2], y_test [1 1 0]: C = 4."""
    z = os.path.join(FIX, "npz")
    np.savez(out(z, "stray_label.npz"), **dict(arrays, y_train=np.array([0, 1, 2, 99999, 1, 0])))
    np.savez(out(z, "gap_label.npz"), **dict(arrays, y_train=np.array([0, 1, 3, 3, 1, 0])))
    np.savez(out(z, "val_only_label.npz"), **dict(arrays, y_val=np.array([3, 4])))
    np.savez(out(z, "test_only_label.npz"), **dict(arrays, y_test=np.array([1, 7, 0])))
    np.savez(out(z, "empty_val.npz"), **dict(arrays, X_val=np.zeros((0, 5)), y_val=np.zeros(0, dtype=np.int64)))


# ----------------------------------------------------------------------------- IDX fuzz seeds

def idx_fixtures():
    import gzip
    rng = np.random.RandomState(3)
    images = struct.pack(">IIII", 0x803, 2, 3, 4) + rng.randint(0, 256, size=24).astype(np.uint8).tobytes()
    labels = struct.pack(">II", 0x801, 3) + bytes([1, 9, 0])
    base = os.path.join(RES, "idx", "IdxFuzzTestInputs")
    write(os.path.join(base, "images", "two_images"), images)
    write(os.path.join(base, "images", "two_images_gz"), gzip.compress(images, mtime=0))
    write(os.path.join(base, "labels", "three_labels"), labels)
    write(os.path.join(base, "labels", "three_labels_gz"), gzip.compress(labels, mtime=0))


if __name__ == "__main__":
    import sys
    if sys.argv[1:] != ["cifar-py3"]:
        cifar_fixtures()
        npy_fixtures()
        idx_fixtures()
    cifar_py3_fixtures()
    print("fixtures written under", os.path.normpath(RES))
