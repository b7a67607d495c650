package org.backprop4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.preprocess.ImageRows;
import org.backprop4j.datasets.preprocess.MeanImage;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.junit.jupiter.api.Test;

/** Byte storage, CHW to HWC rows, slices, joins, the mean image and the conversion to a matrix. */
class ImageSetTest {

    /** Two 1 × 2 RGB images stored CHW: image i, channel c, pixel p holds 100*i + 10*c + p. */
    private static ImageSet chw() {
        byte[] px = new byte[12];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 2; p++) {
                    px[i * 6 + c * 2 + p] = (byte) (100 * i + 10 * c + p);
                }
            }
        }
        return new ImageSet(px, new int[] {4, 7}, new ImageGeometry(1, 2, 3), PixelLayout.CHW);
    }

    @Test
    void chwRowsComeOutHwc() {
        double[] row = new double[6];
        chw().rowHwc(1, row);
        assertArrayEquals(new double[] {100, 110, 120, 101, 111, 121}, row);
    }

    @Test
    void slicesShareAndJoinsCopy() {
        ImageSet s = chw().slice(1, 2);
        assertEquals(1, s.size());
        assertArrayEquals(new int[] {7}, s.labels());
        ImageSet joined = ImageSet.concat(List.of(s, chw()));
        assertArrayEquals(new int[] {7, 4, 7}, joined.labels());
        assertEquals(chw().storedByte(1, 5), joined.storedByte(0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> chw().slice(1, 3));
        assertThrows(IllegalArgumentException.class, () -> ImageSet.concat(List.of(chw(),
                new ImageSet(new byte[6], new int[1], new ImageGeometry(1, 2, 3), PixelLayout.HWC))));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[5], new int[1], new ImageGeometry(1, 2, 3),
                        PixelLayout.HWC));
    }

    @Test
    void meanImageAndMatrixRows() {
        double[] mean = MeanImage.of(chw(), 1);
        assertArrayEquals(new double[] {50, 60, 70, 51, 61, 71}, mean);
        CountingBackend backend = new CountingBackend();
        Matrix m = ImageRows.toMatrix(chw(), backend, DType.FLOAT32, 255, MeanImage.of(chw(), 255));
        assertEquals("(2, 6)", m.shape());
        assertEquals((float) (100 / 255.0 - 50 / 255.0), m.get(1, 0));
        assertEquals(0, backend.fromArrayCalls.get());
        assertEquals(1, backend.fromRowsCalls.get());
    }
}
