def _reconstruct(cls, shape, typecode):
    raise NotImplementedError
