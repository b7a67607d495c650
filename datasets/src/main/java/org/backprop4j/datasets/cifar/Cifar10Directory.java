package org.backprop4j.datasets.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.TrainTestImages;
import org.backprop4j.datasets.io.DatasetNotFoundException;

/**
 * The CIFAR-10 batches as distributed: the python version ({@code cifar-10-batches-py/data_batch_1}
 * .. {@code data_batch_5}, {@code test_batch}) or the binary version ({@code
 * cifar-10-batches-bin/data_batch_1.bin} .. {@code test_batch.bin}). Both give the same images in the
 * same order: 50,000 training images (batches 1 to 5) and 10,000 test images.
 */
public final class Cifar10Directory {

    /** The two distributed formats. */
    public enum Format {
        /** Python 2 pickles, read as cs231n's {@code load_CIFAR10} reads them. */
        PYTHON("cifar-10-batches-py", ""),
        /** Binary records of a label byte and 3072 pixel bytes. */
        BINARY("cifar-10-batches-bin", ".bin");

        private final String directoryName;
        private final String suffix;

        Format(String directoryName, String suffix) {
            this.directoryName = directoryName;
            this.suffix = suffix;
        }

        /** The name of the extracted directory, e.g. {@code cifar-10-batches-py}. */
        public String directoryName() {
            return directoryName;
        }
    }

    /**
     * Where the batches of one format are.
     *
     * @param directory the directory holding the batch files
     * @param format their format
     */
    public record Location(Path directory, Format format) {
    }

    private Cifar10Directory() {
    }

    /**
     * Finds the batches in {@code dir}, which may be a batch directory itself or the directory it was
     * extracted into; the python batches are preferred where both formats are present.
     */
    public static Location locate(Path dir) throws DatasetNotFoundException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException("The CIFAR-10 directory " + dir + " does not exist.");
        }
        for (Format f : Format.values()) {
            if (Files.isRegularFile(dir.resolve("data_batch_1" + f.suffix))) {
                return new Location(dir, f);
            }
        }
        for (Format f : Format.values()) {
            Path sub = dir.resolve(f.directoryName);
            if (Files.isRegularFile(sub.resolve("data_batch_1" + f.suffix))) {
                return new Location(sub, f);
            }
        }
        throw new DatasetNotFoundException("No CIFAR-10 batches in " + dir + ": expected data_batch_1 .. 5 and"
                + " test_batch (cifar-10-batches-py, from cifar-10-python.tar.gz) or the same names with .bin"
                + " (cifar-10-batches-bin), or a directory holding one of those.");
    }

    /** Reads the five training batches and the test batch at {@code location}. */
    public static TrainTestImages read(Location location) throws IOException {
        List<ImageSet> batches = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            batches.add(readBatch(location, "data_batch_" + b));
        }
        ImageSet train = ImageSet.concat(batches);
        batches.clear();
        return new TrainTestImages(train, readBatch(location, "test_batch"));
    }

    private static ImageSet readBatch(Location location, String name) throws IOException {
        Path file = location.directory().resolve(name + location.format().suffix);
        if (!Files.isRegularFile(file)) {
            throw new DatasetNotFoundException("The CIFAR-10 batch " + file + " is missing.");
        }
        return location.format() == Format.PYTHON ? CifarPythonReader.read(file) : CifarBinaryReader.read(file);
    }
}
