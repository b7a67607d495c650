package org.backprop4j.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.fc.FullyConnectedNet;
import org.backprop4j.models.fc.FullyConnectedNetConfig;
import org.backprop4j.random.NumpyRandom;
import org.junit.jupiter.api.Test;

class SolverLifecycleTest {

    private final Backend b = Backends.get("pure");
    private final TrainingData data = Blobs.make(b, 40, 20, 6, 3, 5);

    private Solver solver(int epochs) {
        NumpyRandom rng = new NumpyRandom(0);
        FullyConnectedNet model = new FullyConnectedNet(b, FullyConnectedNetConfig.of(8).inputDim(6).numClasses(3)
                .weightScale(0.1).dtype(DType.FLOAT64), rng);
        return new Solver(model, data, SolverOptions.builder().updateRule("sgd").learningRate(0.1).batchSize(20)
                .numEpochs(epochs).build(), rng);
    }

    /** Records every event as one word, so the order can be compared with the one written out by hand. */
    private static final class Recorder implements SolverListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onTrainBegin(int iteration, int numIterations) {
            events.add("train-begin " + iteration + "/" + numIterations);
        }

        @Override
        public void onEpochBegin(int epoch, int numEpochs) {
            events.add("epoch-begin " + epoch + "/" + numEpochs);
        }

        @Override
        public void onIterationBegin(int iteration, int numIterations) {
            events.add("it-begin " + iteration);
        }

        @Override
        public void onGradients(int iteration, Parameters grads) {
            events.add("grads " + iteration);
        }

        @Override
        public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
            events.add("it-end " + iteration);
        }

        @Override
        public void onEpoch(int epoch, int numEpochs, double trainAcc, double valAcc, boolean improved, long t) {
            events.add("check " + epoch);
        }

        @Override
        public void onTrainEnd(int iteration, int numIterations, String stopReason) {
            events.add("train-end " + iteration + " " + stopReason);
        }
    }

    @Test
    void listenersHearTheLifecycleInOrder() {
        Solver s = solver(2); // 40 / 20 = 2 iterations per epoch, 4 in all
        Recorder r = new Recorder();
        s.addListener(r);
        s.train();
        assertEquals(List.of("train-begin 0/4",
                "epoch-begin 0/2", "it-begin 1", "grads 1", "it-end 1", "check 0",
                "it-begin 2", "grads 2", "it-end 2", "check 1",
                "epoch-begin 1/2", "it-begin 3", "grads 3", "it-end 3",
                "it-begin 4", "grads 4", "it-end 4", "check 2",
                "train-end 4 null"), r.events);
    }

    @Test
    void aListenerStopsTheRunAfterTheCurrentIterationWithItsReason() {
        Solver s = solver(5);
        Recorder r = new Recorder();
        s.addListener(new SolverListener() {
            @Override
            public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
                if (iteration == 3) {
                    s.requestStop("enough");
                    s.requestStop("a second reason is ignored");
                }
            }
        });
        s.addListener(r);
        s.train();
        assertEquals(3, s.iteration());
        assertEquals(3, s.lossHistory().length);
        assertEquals("enough", s.stopReason());
        // the listeners after the one that asked still hear iteration 3, then the end
        assertEquals(List.of("it-begin 3", "grads 3", "it-end 3", "train-end 3 enough"),
                r.events.subList(r.events.size() - 4, r.events.size()));
        // the best parameters are back, as at a normal end
        assertArrayEquals(s.bestParams().get("W1").toArray(), s.model().params().get("W1").toArray(), 0.0);
    }

    @Test
    void aResumedRunHearsTheEpochItGoesOnWith() {
        Solver s = solver(2);
        s.addListener(new SolverListener() {
            @Override
            public void onIteration(int iteration, int numIterations, double loss, int epoch, long elapsedNanos) {
                if (iteration == 2) {
                    s.requestStop("pause");
                }
            }
        });
        s.train();
        Recorder r = new Recorder();
        s.addListener(r);
        s.requestStop(null); // no-op: a null reason is no request
        s.train();
        assertNull(s.stopReason(), "a stop that has been heard does not carry over to the next train()");
        assertEquals("train-begin 2/4", r.events.get(0));
        assertEquals("epoch-begin 1/2", r.events.get(1));
    }
}
