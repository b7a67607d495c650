package org.backprop4j.cli.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.models.Model;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.TrainingData;

/**
 * Wires a training run from its {@link TrainSettings}: the backend (explicit name, system property,
 * environment, else priority), the data, and the Solver: new ({@link #newSolver}: seed, then model, then
 * Solver), or resumed from a checkpoint ({@link Resumption}).
 */
public final class TrainingModule extends AbstractModule {

    private final TrainSettings settings;
    private final Resumption resumption;

    /** A module for one run; {@code resumption} is null for a new run. */
    public TrainingModule(TrainSettings settings, Resumption resumption) {
        this.settings = settings;
        this.resumption = resumption;
    }

    @Override
    protected void configure() {
        bind(TrainSettings.class).toInstance(settings);
    }

    @Provides
    Optional<Resumption> resumption() {
        return Optional.ofNullable(resumption);
    }

    @Provides
    @Singleton
    Backend backend(TrainSettings s) {
        return Backends.select(s.backend());
    }

    @Provides
    @Singleton
    DataSplits data(TrainSettings s, Backend backend) {
        try {
            return s.data().load(backend, s.dtype(), s.numTrain() == null ? -1 : s.numTrain());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provides
    @Singleton
    Solver solver(TrainSettings s, Optional<Resumption> r, Backend backend, DataSplits data) {
        TrainingData td = new TrainingData(data.xTrain(), data.yTrain(), data.xVal(), data.yVal());
        if (r.isPresent()) {
            return Solver.resume(r.get().checkpoint(), r.get().file(), backend, td, r.get().options());
        }
        return newSolver(s, backend, data, td);
    }

    /**
     * A new run, in the notebooks' order: the generator is seeded once, the model draws its weights from it
     * first, and the Solver then draws the minibatches (and dropout masks) from the same generator.
     */
    static Solver newSolver(TrainSettings s, Backend backend, DataSplits data, TrainingData td) {
        NumpyRandom rng = new NumpyRandom(s.seed());
        Model model = ModelFactory.create(s, backend, data.inputSize(), data.numClasses(), rng);
        return new Solver(model, td, s.solverOptions(), rng);
    }
}
