package org.backprop4j.cli.dashboard;

import java.util.function.Consumer;

import org.backprop4j.cli.plot.WeightGridImage;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverListener;
import org.backprop4j.solver.diagnostics.Snapshot;

/**
 * Feeds a {@link RunState} from the Solver as it trains: every iteration's loss, every check's accuracies and the
 * first-layer weights (drawn as weights.png draws them, when the rows are images), and, given to
 * {@link org.backprop4j.solver.diagnostics.Diagnostics#onSnapshot}, the diagnostics.
 */
public final class DashboardListener implements SolverListener, Consumer<Snapshot> {

    private final Solver solver;
    private final RunState state;
    private final ImageGeometry geometry;

    /**
     * @param geometry the images' geometry, or null when the rows are not images (no weights picture)
     */
    public DashboardListener(Solver solver, RunState state, ImageGeometry geometry) {
        this.solver = solver;
        this.state = state;
        this.geometry = geometry;
    }

    @Override
    public void onTrainBegin(int iteration, int numIterations) {
        state.begin(iteration, numIterations, solver.epoch(), solver.options().numEpochs(),
                solver.iterationsPerEpoch());
    }

    @Override
    public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
        state.loss(iteration, loss, epoch, elapsedNanos / 1e9);
    }

    @Override
    public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved,
            long elapsedNanos) {
        state.check(solver.iteration(), epoch, trainAcc, valAcc);
        WeightGridImage.firstLayer(solver.model(), geometry)
                .ifPresent(image -> state.weights(WeightGridImage.png(image)));
    }

    @Override
    public void accept(Snapshot s) {
        state.diagnostics(s);
    }
}
