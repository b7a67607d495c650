package org.backprop4j.cli.train;

import java.io.IOException;
import java.util.Optional;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.data.DataOption;
import org.backprop4j.cli.export.ModelNpz;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.models.Model;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.TrainingData;

/**
 * Wires a training run from its {@link TrainSettings}: the backend (explicit name, system property,
 * environment, else priority), the data, and the Solver: new ({@link #newSolver}: seed, then model, then
 * Solver), or resumed from a checkpoint ({@link Resumption}). {@link #run} is the one place an injector is
 * asked for anything: what a provider throws (an unknown backend, a missing or malformed data file, a setting
 * the model or the Solver refuses) leaves it as itself, so the error path need not know about Guice.
 */
public final class TrainingModule extends AbstractModule {

    private final TrainSettings settings;
    private final Resumption resumption;

    /** A module for one run; {@code resumption} is null for a new run. */
    public TrainingModule(TrainSettings settings, Resumption resumption) {
        this.settings = settings;
        this.resumption = resumption;
    }

    /**
     * The {@link TrainingRun} that {@code module} wires: a {@code TrainingModule}, or one with bindings overridden.
     *
     * @throws IOException if the data cannot be read
     */
    static TrainingRun run(Module module) throws IOException {
        try {
            return Guice.createInjector(module).getInstance(TrainingRun.class);
        } catch (ProvisionException e) {
            // Guice wraps what a provider throws; with a single cause, that cause is the whole story
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
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
    DataSplits data(TrainSettings s, Backend backend) throws IOException {
        return s.data().load(backend, s.dtype(), s.numTrain() == null ? -1 : s.numTrain(),
                DataOption.rowLayout(s.model()));
    }

    @Provides
    @Singleton
    Solver solver(TrainSettings s, Optional<Resumption> r, Backend backend, DataSplits data) throws IOException {
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
    static Solver newSolver(TrainSettings s, Backend backend, DataSplits data, TrainingData td) throws IOException {
        NumpyRandom rng = new NumpyRandom(s.seed());
        Model model = ModelFactory.create(s, backend, data, rng);
        if (s.initParams() != null) {
            ModelNpz.load(s.initParams(), model, "--init-params");
        }
        return new Solver(model, td, s.solverOptions(), rng);
    }
}
