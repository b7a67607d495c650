package org.backprop4j.datasets;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which data set to load, as the command line names it:
 * <ul>
 *   <li>{@code mnist-10k} (the default): the 10,000 digits bundled in the jar;</li>
 *   <li>{@code mnist:DIR}: MNIST's four IDX files (gzipped or not) in DIR;</li>
 *   <li>{@code fashion-mnist[:DIR]}: Fashion-MNIST in DIR, by default where Debian's package
 *       {@code dataset-fashion-mnist} installs it ({@value Datasets#FASHION_MNIST_DEBIAN_DIR});</li>
 *   <li>{@code cifar10:DIR}: the CIFAR-10 python or binary batches in DIR (or in its
 *       {@code cifar-10-batches-py} / {@code cifar-10-batches-bin});</li>
 *   <li>{@code npz:FILE}: arrays {@code X_train, y_train, X_val, y_val[, X_test, y_test]} saved by
 *       {@code np.savez}, used exactly as stored.</li>
 * </ul>
 *
 * @param kind the data set
 * @param location its directory or file, or null where the kind has a default
 */
public record DatasetSpec(Kind kind, Path location) {

    /** The bundled digits. */
    public static final DatasetSpec DEFAULT = new DatasetSpec(Kind.MNIST_10K, null);

    /** The accepted forms, for messages. */
    public static final String FORMS = "mnist-10k, mnist:DIR, fashion-mnist[:DIR], cifar10:DIR or npz:FILE";

    /** The data sets this module loads. */
    public enum Kind {
        /** The 10,000 bundled MNIST digits. */
        MNIST_10K("mnist-10k", Where.NONE),
        /** MNIST from IDX files. */
        MNIST("mnist", Where.REQUIRED),
        /** Fashion-MNIST from IDX files. */
        FASHION_MNIST("fashion-mnist", Where.OPTIONAL),
        /** CIFAR-10 from its python or binary batches. */
        CIFAR10("cifar10", Where.REQUIRED),
        /** Preprocessed arrays in an NPZ file. */
        NPZ("npz", Where.REQUIRED);

        private final String spelling;
        private final Where where;

        Kind(String spelling, Where where) {
            this.spelling = spelling;
            this.where = where;
        }

        /** The name on the command line, e.g. {@code fashion-mnist}. */
        public String spelling() {
            return spelling;
        }
    }

    private enum Where {
        NONE, OPTIONAL, REQUIRED
    }

    /** @throws IllegalArgumentException if the kind needs a location and has none, or takes none and has one */
    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind.where == Where.NONE && location != null) {
            throw new IllegalArgumentException(kind.spelling + " is bundled in the jar and takes no location, but "
                    + location + " was given.");
        }
        if (kind.where == Where.REQUIRED && location == null) {
            throw new IllegalArgumentException(kind.spelling + " needs a location: write " + kind.spelling
                    + (kind == Kind.NPZ ? ":FILE." : ":DIR."));
        }
    }

    /**
     * Parses {@code text}, e.g. {@code cifar10:/data/cifar-10-batches-py}; the kind is case-insensitive and
     * {@code cifar-10} and {@code fashion_mnist} are accepted spellings.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static DatasetSpec parse(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        String name = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT).replace('_', '-');
        String where = colon < 0 ? null : t.substring(colon + 1);
        if (where != null && where.isBlank()) {
            throw new IllegalArgumentException(
                    "The data set '" + text + "' names no location after the colon: expected "
                            + FORMS + ".");
        }
        if (name.equals("cifar-10")) {
            name = "cifar10";
        }
        for (Kind k : Kind.values()) {
            if (k.spelling.equals(name)) {
                return new DatasetSpec(k, where == null ? null : Path.of(where));
            }
        }
        throw new IllegalArgumentException("Unknown data set '" + text + "': expected " + FORMS + ".");
    }

    /** The directory or file, if one was given. */
    public Optional<Path> where() {
        return Optional.ofNullable(location);
    }

    /** The command-line form, e.g. {@code npz:/tmp/data.npz}. */
    @Override
    public String toString() {
        return location == null ? kind.spelling : kind.spelling + ":" + location;
    }
}
