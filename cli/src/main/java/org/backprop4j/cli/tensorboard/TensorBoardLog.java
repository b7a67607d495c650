package org.backprop4j.cli.tensorboard;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import org.backprop4j.cli.plot.WeightGridImage;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverListener;
import org.backprop4j.solver.diagnostics.Histogram;
import org.backprop4j.solver.diagnostics.LayerStats;
import org.backprop4j.solver.diagnostics.ParamStats;
import org.backprop4j.solver.diagnostics.Snapshot;
import org.backprop4j.tensorboard.EventFileWriter;

/**
 * {@code train --tensorboard}: the run as TensorBoard shows it, every value at its iteration as the step.
 * <ul>
 *   <li>scalars {@code loss} (every iteration), {@code accuracy/train}, {@code accuracy/val} and
 *       {@code learning_rate} (every check), {@code update_ratio/<W>} (every diagnosed iteration);
 *   <li>histograms {@code weights/<param>} at every check and {@code activations/layer<L>} at every epoch end;
 *   <li>the image {@code weights/W1}, the first layer's weights as in weights.png, at every check, when the rows
 *       are images.
 * </ul>
 * The file is flushed at every check, so a TensorBoard watching the directory follows the run.
 */
public final class TensorBoardLog implements SolverListener, Consumer<Snapshot>, Closeable {

    /** The directory under the run folder when {@code --tensorboard} is given without one. */
    public static final String DEFAULT_DIR = "tensorboard";

    /** Buckets of a weight histogram. */
    static final int BINS = 30;

    private final Solver solver;
    private final ImageGeometry geometry;
    private final EventFileWriter writer;

    /**
     * A log of {@code solver}'s run in {@code dir}.
     *
     * @param geometry the image shape of the rows, or null if they are no images
     */
    public TensorBoardLog(Path dir, Solver solver, ImageGeometry geometry) throws IOException {
        this.solver = solver;
        this.geometry = geometry;
        this.writer = new EventFileWriter(dir);
    }

    /** The event file. */
    public Path file() {
        return writer.file();
    }

    @Override
    public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
        write(() -> writer.scalar("loss", iteration, loss));
    }

    @Override
    public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved, long t) {
        int step = solver.iteration();
        write(() -> {
            writer.scalar("accuracy/train", step, trainAcc);
            writer.scalar("accuracy/val", step, valAcc);
            String first = solver.model().params().names().get(0);
            Double lr = solver.optimConfig(first).get("learning_rate");
            if (lr != null) {
                writer.scalar("learning_rate", step, lr);
            }
            solver.model().params().forEach((name, w) -> write(() -> {
                double[] values = w.toArray();
                double sum = 0;
                double squares = 0;
                for (double v : values) {
                    sum += v;
                    squares += v * v;
                }
                histogram("weights/" + name, step, Histogram.of(values, BINS), sum, squares);
            }));
            Optional<BufferedImage> weights = WeightGridImage.firstLayer(solver.model(), geometry);
            if (weights.isPresent()) {
                BufferedImage image = weights.get();
                writer.image("weights/W1", step, WeightGridImage.png(image), image.getHeight(), image.getWidth(),
                        geometry.channels() == 1 ? 1 : 3);
            }
            writer.flush();
        });
    }

    @Override
    public void accept(Snapshot s) {
        write(() -> {
            for (ParamStats p : s.params()) {
                if (p.name().startsWith("W") && Double.isFinite(p.updateRatio())) {
                    writer.scalar("update_ratio/" + p.name(), s.iteration(), p.updateRatio());
                }
            }
            for (LayerStats l : s.layers()) {
                Histogram h = l.histogram();
                if (h != null) {
                    long n = LongStream.of(h.counts()).sum();
                    // the sums from the mean and the population std: Σx = n·mean, Σx² = n·(std² + mean²)
                    histogram("activations/layer" + l.layer(), s.iteration(), h, n * l.mean(),
                            n * (l.std() * l.std() + l.mean() * l.mean()));
                }
            }
        });
    }

    /** {@code h} as TensorBoard's buckets, each up to the right edge of its bin. */
    private void histogram(String tag, long step, Histogram h, double sum, double sumSquares) throws IOException {
        int bins = h.counts().length;
        if (bins == 0) {
            return;
        }
        double[] limits = new double[bins];
        double[] counts = new double[bins];
        for (int k = 0; k < bins; k++) {
            limits[k] = k == bins - 1 ? h.hi() : h.lo() + (k + 1) * (h.hi() - h.lo()) / bins;
            counts[k] = h.counts()[k];
        }
        writer.histogram(tag, step, h.lo(), h.hi(), LongStream.of(h.counts()).sum(), sum, sumSquares, limits, counts);
    }

    @Override
    public void onTrainEnd(int iteration, int numIterations, String stopReason) {
        write(writer::flush);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + writer.file() + ": " + e.getMessage(), e);
        }
    }
}
