package org.backprop4j.datasets.npy;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.backprop4j.datasets.CountingBackend;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.backprop4j.matrix.DType;

/**
 * The NPY reader, whole-array and streamed into a matrix: any input either parses or fails with a
 * {@link DatasetFormatException}; a shape claiming billions of elements must fail on the input's
 * length, not with an {@link OutOfMemoryError}.
 */
class NpyFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void npy(byte[] data) throws IOException {
        try (UntrustedInput in = UntrustedInput.of("fuzz.npy", data)) {
            NpyArray a = NpyReader.read(in);
            for (int i = 0; i < a.size(); i++) {
                a.getDouble(i);
            }
        } catch (DatasetFormatException expected) {
            // the only acceptable failure
        }
        try (UntrustedInput in = UntrustedInput.of("fuzz.npy", data)) {
            NpyReader.readMatrix(in, "X", -1, new CountingBackend(), DType.FLOAT32);
        } catch (DatasetFormatException expected) {
            // the only acceptable failure
        }
    }
}
