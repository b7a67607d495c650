# A stand-in for NumPy 1.x under Python 2, reducing exactly as numpy's C code does.
class dtype(object):
    def __init__(self, name, align=0, copy=1):
        self.name = name
    def __reduce__(self):
        return (dtype, (self.name, 0, 1), (3, '|', None, None, None, -1, -1, 0))

class ndarray(object):
    def __init__(self, shape, dt, data):
        self.shape, self.dt, self.data = shape, dt, data
    def __reduce__(self):
        from numpy.core.multiarray import _reconstruct
        return (_reconstruct, (ndarray, (0,), 'b'), (1, self.shape, self.dt, False, self.data))
