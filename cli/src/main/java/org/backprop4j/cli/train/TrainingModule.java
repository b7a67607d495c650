package org.backprop4j.cli.train;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.models.Model;
import org.backprop4j.random.NumpyRandom;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.SolverOptions;
import org.backprop4j.solver.TrainingData;

/**
 * Wires a training run from its {@link TrainSettings}: the backend (explicit name, system property,
 * environment, else priority), the generator seeded once, the data, the model built with that
 * generator (its weights drawn first, as in the notebooks), the Solver's options and the Solver
 * (new, or resumed from a checkpoint).
 */
public final class TrainingModule extends AbstractModule {

    private final TrainSettings settings;

    /** A module for one run. */
    public TrainingModule(TrainSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(TrainSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    Backend backend(TrainSettings s) {
        return Backends.select(s.backend());
    }

    @Provides
    @Singleton
    NumpyRandom random(TrainSettings s) {
        return new NumpyRandom(s.seed());
    }

    @Provides
    @Singleton
    DataSplits data(TrainSettings s, Backend backend) {
        try {
            return s.data().load(backend, s.dtype(), s.numTrain());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provides
    @Singleton
    TrainingData trainingData(DataSplits d) {
        return new TrainingData(d.xTrain(), d.yTrain(), d.xVal(), d.yVal());
    }

    @Provides
    @Singleton
    Model model(TrainSettings s, Backend backend, DataSplits d, NumpyRandom rng) {
        return ModelFactory.create(s, backend, d.inputSize(), d.numClasses(), rng);
    }

    @Provides
    @Singleton
    SolverOptions solverOptions(TrainSettings s) {
        SolverOptions.Builder b = SolverOptions.builder().updateRule(s.update()).learningRate(s.lr())
                .lrDecay(s.lrDecay()).batchSize(s.batchSize()).numEpochs(s.epochs()).verbose(false);
        if (s.momentum() != null) {
            b.optim("momentum", s.momentum());
        }
        return b.build();
    }

    @Provides
    @Singleton
    Solver solver(TrainSettings s, Provider<Model> model, TrainingData data, SolverOptions options, NumpyRandom rng,
                  Backend backend) {
        if (s.resume() != null) {
            try {
                return Solver.resume(s.resume(), backend, data, s.epochs());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Solver(model.get(), data, options, rng);
    }
}
