package org.backprop4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The command-line spellings of data sets. */
class DatasetSpecTest {

    @Test
    void parsesEveryForm() {
        assertEquals(DatasetSpec.DEFAULT, DatasetSpec.parse("mnist-10k"));
        assertEquals(new DatasetSpec(DatasetSpec.Kind.MNIST, Path.of("/data/mnist")),
                DatasetSpec.parse("mnist:/data/mnist"));
        assertNull(DatasetSpec.parse("fashion-mnist").location());
        assertEquals(Path.of("d"), DatasetSpec.parse("Fashion_MNIST:d").location());
        assertEquals(DatasetSpec.Kind.CIFAR10, DatasetSpec.parse("cifar-10:/x").kind());
        assertEquals(Path.of("C:\\data\\a.npz"), DatasetSpec.parse("npz:C:\\data\\a.npz").location());
        assertEquals("npz:/a/b.npz", DatasetSpec.parse(" npz:/a/b.npz ").toString());
    }

    @Test
    void errorsNameTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("imagenet"));
        assertEquals(
                "Unknown data set 'imagenet': expected mnist-10k, mnist:DIR, fashion-mnist[:DIR], cifar10:DIR or npz:FILE.",
                e.getMessage());
        assertEquals("mnist needs a location: write mnist:DIR.",
                assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("mnist")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("mnist-10k:/x")).getMessage()
                .contains("takes no location"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("npz:")).getMessage()
                .contains("names no location"));
        assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse(null));
    }
}
