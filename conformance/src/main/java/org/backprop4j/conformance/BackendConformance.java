package org.backprop4j.conformance;

import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit as JUnit 5 tests: a backend author extends this class in a test and returns the backend.
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformance {
 *     protected Backend backend() { return new MyBackend(); }
 * }
 * }</pre>
 *
 * <p>One {@code @TestFactory} per group of {@link ConformanceKit}, one dynamic test per check:
 * <ul>
 * <li>the {@code Matrix} contract, against plain double loops, in float64 and float32;</li>
 * <li>dtype and backend mix-ups give the shared messages naming both;</li>
 * <li>every kernel and update rule against NumPy's outputs ({@code kernels.json}, written by {@code gen_vectors.py},
 * both shipped in this jar);</li>
 * <li>every kernel and model against the reference (the {@code Kernels} defaults over {@code naive}'s matrices:
 * see {@link org.backprop4j.conformance.reference.ReferenceBackend} for why), on shapes from 1x1 to D = 3072,
 * float64 and float32;</li>
 * <li>numeric gradient checks of every kernel and model;</li>
 * <li>determinism (bit-identical results run twice and on several threads at once) and concurrent use from
 * several threads on independent matrices.</li>
 * </ul>
 * The bounds and why they are what they are: {@link org.backprop4j.conformance.compare.Tolerances}. A failure's
 * message starts with the check's name (the operation, shape and dtype) and says what differed.
 */
public abstract class BackendConformance {

    /** The backend under test; called once per group (return the same instance, or a new one: both work). */
    protected abstract Backend backend();

    @TestFactory
    Stream<DynamicTest> matrixContract() {
        return tests(ConformanceKit.MATRIX);
    }

    @TestFactory
    Stream<DynamicTest> mixUps() {
        return tests(ConformanceKit.MIX_UPS);
    }

    @TestFactory
    Stream<DynamicTest> numpyVectors() {
        return tests(ConformanceKit.VECTORS);
    }

    @TestFactory
    Stream<DynamicTest> agreementWithTheReference() {
        return tests(ConformanceKit.REFERENCE);
    }

    @TestFactory
    Stream<DynamicTest> numericGradients() {
        return tests(ConformanceKit.GRADIENTS);
    }

    @TestFactory
    Stream<DynamicTest> determinism() {
        return tests(ConformanceKit.DETERMINISM);
    }

    @TestFactory
    Stream<DynamicTest> concurrency() {
        return tests(ConformanceKit.CONCURRENCY);
    }

    private Stream<DynamicTest> tests(String group) {
        return ConformanceKit.groups(backend()).stream().filter(g -> g.name().equals(group))
                .flatMap(g -> g.checks().stream()).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }
}
