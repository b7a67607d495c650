/**
 * Storage shared by the {@code pure} and {@code naive} backends: {@link org.backprop4j.backend.array.ArrayMatrix}
 * (a row-major {@code double[]} or {@code float[]}, with every element-wise operation, broadcast, reduction and
 * indexing operation written once for both dtypes) and {@link org.backprop4j.backend.array.ArrayBackend}, which
 * a backend extends with its own {@link org.backprop4j.backend.array.MatrixProduct} and kernels.
 */
package org.backprop4j.backend.array;
