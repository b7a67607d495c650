package org.backprop4j.cli.data;

import java.io.IOException;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.DatasetSpec;
import org.backprop4j.datasets.Datasets;
import org.backprop4j.datasets.LoadOptions;
import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.datasets.Split;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.notebook.ToyData;
import org.backprop4j.random.NumpyRandom;

/**
 * The {@code --data} option: a data-set spec of the datasets module ({@value DatasetSpec#FORMS}) or
 * {@code toy}, the notebooks' five toy inputs used as train, validation and test split alike.
 *
 * @param text the option as given
 */
public record DataOption(String text) {

    /** The default, the bundled digits. */
    public static final String DEFAULT = "mnist-10k";
    /** Every accepted form, for help texts. */
    public static final String FORMS = "toy, " + DatasetSpec.FORMS;

    /** Whether this is the toy problem. */
    public boolean isToy() {
        return "toy".equalsIgnoreCase(text.trim());
    }

    /**
     * The spec as a run records it, so that it means the same from another working directory: {@code toy},
     * or the data set with its location made absolute, e.g. {@code cifar10:/data/cifar-10-batches-py}.
     *
     * @throws IllegalArgumentException naming the accepted forms if this is none of them
     */
    public String recorded() {
        if (isToy()) {
            return "toy";
        }
        DatasetSpec spec = DatasetSpec.parse(text);
        return spec.where().map(p -> new DatasetSpec(spec.kind(), p.toAbsolutePath().normalize()).toString())
                .orElse(spec.toString());
    }

    /**
     * Loads the data onto {@code backend}.
     *
     * @param numTrain keep the first {@code numTrain} training rows (negative: all)
     */
    public DataSplits load(Backend backend, DType dtype, int numTrain) throws IOException {
        return load(backend, dtype, numTrain, PixelLayout.HWC);
    }

    /**
     * The order of the values of each image row a model of {@code kind} takes: CHW for {@code cnn} (its convolution
     * views the rows as (N, C, H, W)), HWC for the others (as cs231n's fully connected nets are trained).
     */
    public static PixelLayout rowLayout(String kind) {
        return kind.equals("cnn") ? PixelLayout.CHW : PixelLayout.HWC;
    }

    /**
     * Loads the data onto {@code backend}, the values of each image row in {@code rowLayout} (CHW for a
     * convolutional net, so the rows view as (N, C, H, W)).
     *
     * @param numTrain keep the first {@code numTrain} training rows (negative: all)
     */
    public DataSplits load(Backend backend, DType dtype, int numTrain, PixelLayout rowLayout) throws IOException {
        if (isToy()) {
            ToyData toy = ToyData.create(backend, dtype, new NumpyRandom(ToyData.DATA_SEED), ToyData.DATA_SEED);
            Split s = new Split(toy.x(), toy.y());
            return new DataSplits(s, s, s, List.of("0", "1", "2"), null, null,
                    "the notebooks' toy problem: 5 inputs of 4 values, 3 classes (train = val = test)");
        }
        LoadOptions options = LoadOptions.DEFAULTS.withDType(dtype).withNumTrain(numTrain).withRowLayout(rowLayout);
        return Datasets.load(DatasetSpec.parse(text), backend, options);
    }
}
