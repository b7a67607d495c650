package org.backprop4j.datasets.idx;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;

/**
 * Any input either parses or fails with a {@link DatasetFormatException}: no other exception, no
 * {@link OutOfMemoryError} from a header's claims. In a normal build only the seeds in
 * {@code IdxFuzzTestInputs/} run; {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}.
 */
class IdxFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void images(byte[] data) throws IOException {
        try (UntrustedInput in = UntrustedInput.of("fuzz", data)) {
            IdxImages im = IdxReader.readImages(in);
            if (im.pixels().length != (long) im.count() * im.height() * im.width()) {
                throw new AssertionError("pixel count does not match the header");
            }
        } catch (DatasetFormatException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "60s")
    void labels(byte[] data) throws IOException {
        try (UntrustedInput in = UntrustedInput.of("fuzz", data)) {
            for (int label : IdxReader.readLabels(in, 10)) {
                if (label < 0 || label > 9) {
                    throw new AssertionError("label out of range accepted: " + label);
                }
            }
        } catch (DatasetFormatException expected) {
            // the only acceptable failure
        }
    }
}
