package org.backprop4j.examples.toy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit, run through the JUnit Platform Launcher on {@link BrokenToyBackend} (an off-by-one in
 * {@code sum(axis=0)}), fails: in the Matrix contract's reductions, in every kernel built on the column sum, against
 * NumPy's vectors and against the reference, each failure naming the operation, the shape and the dtype; the checks
 * that do not touch the column sum still pass.
 */
class BrokenToyFailsTheKitTest {

    /** A shape as the kit prints it: {@code (1, 7)}, {@code (2, 3, 4, 4)} or {@code N=33 D=65}. */
    private static final Pattern SHAPE = Pattern.compile("\\(\\d+(, \\d+)+\\)|N=\\d+");

    private static final List<String> FAILURES = new CopyOnWriteArrayList<>();
    private static final List<String> PASSED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void runTheKitOnTheBrokenBackend() {
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(BrokenToyKit.class)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (!id.isTest()) {
                            return;
                        }
                        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                            PASSED.add(id.getDisplayName());
                        } else {
                            FAILURES.add(result.getThrowable().map(Throwable::getMessage).orElse(id.getDisplayName()));
                        }
                    }
                });
    }

    private static void assertSomeFailure(String... parts) {
        assertTrue(FAILURES.stream().anyMatch(f -> List.of(parts).stream().allMatch(f::contains)),
                "no failure names all of " + List.of(parts) + "; failures:\n" + String.join("\n", FAILURES));
    }

    @Test
    void theMatrixContractNamesTheReductionItsShapeAndDtype() {
        assertSomeFailure("Matrix sum, max, mean", "sum(axis=0) (1, 1) float64: element 0");
        assertSomeFailure("sum(axis=0) (1, 1) float32: element 0");
    }

    @Test
    void theKernelsBuiltOnTheColumnSumFailAgainstNumpyAndTheReference() {
        assertSomeFailure("affine_forward/backward N=1 D=1 M=1", "db float64 vs reference normwise: error");
        assertSomeFailure("vs NumPy float64", "db (1, ", "float64: element");
        assertSomeFailure("batchnorm_forward/backward/backward_alt N=5 D=1", "float64");
    }

    @Test
    void everyFailureNamesAShapeAndADtype() {
        assertTrue(FAILURES.size() > 10, "the broken backend should fail many checks: " + FAILURES);
        List<String> unnamed = FAILURES.stream()
                .filter(f -> !SHAPE.matcher(f).find() || !(f.contains("float64") || f.contains("float32")))
                .collect(Collectors.toList());
        assertTrue(unnamed.isEmpty(), "failures without a shape or a dtype:\n" + String.join("\n", unnamed));
    }

    @Test
    void checksThatDoNotSumColumnsStillPass() {
        assertTrue(PASSED.contains("Matrix transpose float64"), "passed: " + PASSED);
        assertTrue(PASSED.contains("Matrix gemm (every transpose case, alpha, beta) float32"), "passed: " + PASSED);
    }
}
