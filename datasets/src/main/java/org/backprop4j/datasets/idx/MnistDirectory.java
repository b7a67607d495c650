package org.backprop4j.datasets.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.backprop4j.datasets.image.ImageSet;
import org.backprop4j.datasets.image.TrainTestImages;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.DatasetNotFoundException;

/**
 * A directory of MNIST-family IDX files under their standard names ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}),
 * each optionally gzipped with a {@code .gz} suffix, as MNIST and Fashion-MNIST are distributed.
 */
public final class MnistDirectory {

    /** Labels of MNIST-family files lie in 0..9. */
    public static final int NUM_CLASSES = 10;

    private MnistDirectory() {
    }

    /**
     * Reads the four files of {@code dir}.
     *
     * @param name the data set's name for messages, e.g. {@code MNIST}
     * @throws DatasetNotFoundException if the directory or a file is missing
     * @throws DatasetFormatException if a file is corrupt or the files disagree
     */
    public static TrainTestImages read(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException("The " + name + " directory " + dir + " does not exist.");
        }
        ImageSet train = IdxReader.read(find(dir, name, "train-images-idx3-ubyte"),
                find(dir, name, "train-labels-idx1-ubyte"), NUM_CLASSES);
        Path testImages = find(dir, name, "t10k-images-idx3-ubyte");
        ImageSet test = IdxReader.read(testImages, find(dir, name, "t10k-labels-idx1-ubyte"), NUM_CLASSES);
        if (!test.geometry().equals(train.geometry())) {
            throw new DatasetFormatException(testImages.toString(), "its images are " + test.geometry()
                    + " but the training images are " + train.geometry());
        }
        return new TrainTestImages(train, test);
    }

    /** {@code dir/base}, else {@code dir/base.gz}. */
    static Path find(Path dir, String name, String base) throws DatasetNotFoundException {
        for (String candidate : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DatasetNotFoundException("The " + name + " directory " + dir + " has no " + base + " or "
                + base + ".gz.");
    }
}
