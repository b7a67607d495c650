package org.backprop4j.datasets.cifar;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;

/**
 * Both CIFAR-10 readers: any input either parses into labelled 32 × 32 × 3 images or fails with a
 * {@link DatasetFormatException}. For the pickle reader this also fuzzes the allow-list: no input may
 * reach razorvine's own constructors (an exception from them would not be a format exception).
 */
class CifarFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void pythonBatch(byte[] data) throws IOException {
        try (UntrustedInput in = UntrustedInput.of("fuzz", data)) {
            check(CifarPythonReader.read(in));
        } catch (DatasetFormatException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "60s")
    void binaryBatch(byte[] data) throws IOException {
        try (UntrustedInput in = UntrustedInput.of("fuzz", data)) {
            check(CifarBinaryReader.read(in));
        } catch (DatasetFormatException expected) {
            // the only acceptable failure
        }
    }

    private static void check(ImageSet set) {
        double[] row = new double[3072];
        for (int i = 0; i < set.size(); i++) {
            set.rowHwc(i, row);
            if (set.label(i) < 0 || set.label(i) > 9) {
                throw new AssertionError("label out of range accepted");
            }
        }
    }
}
