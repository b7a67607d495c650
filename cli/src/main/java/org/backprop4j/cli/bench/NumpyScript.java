package org.backprop4j.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A NumPy script ({@code numpy_bench.py} and the cs231n port it imports, or {@code numpy_conv_bench.py} beside
 * them), copied from the class path (the jar, or cli's resources in a build) into a temporary folder that
 * {@link #close()} removes. The processes
 * it starts get {@code OPENBLAS_NUM_THREADS}, {@code OMP_NUM_THREADS} and {@code MKL_NUM_THREADS}, so
 * NumPy uses as many threads as the Java side.
 */
final class NumpyScript implements AutoCloseable {

    /** Where the script lives on the class path. */
    static final String RESOURCES = "/org/backprop4j/cli/bench/python/";
    /** The script, then the modules of the port it imports (packaged from conformance/src/main/python). */
    static final List<String> FILES = List.of("numpy_bench.py", "reference/__init__.py", "reference/layers.py",
            "reference/optim.py", "reference/solver.py");
    /**
     * {@code bench --conv}'s script, the port's naive conv loops and {@code rel_error} (its self-check), then
     * {@link #FILES}: it reuses numpy_bench's greeting and array encoding.
     */
    static final List<String> CONV_FILES = concat(List.of("numpy_conv_bench.py", "reference/conv_layers.py",
            "reference/gradient_check.py"), FILES);

    private final Path dir;
    private final String main;

    private NumpyScript(Path dir, String main) {
        this.dir = dir;
        this.main = main;
    }

    /** Copies {@link #FILES} into a new temporary folder. */
    static NumpyScript extract() throws IOException {
        return extract(FILES);
    }

    /** Copies {@code files}, the script to run first, into a new temporary folder. */
    static NumpyScript extract(List<String> files) throws IOException {
        Path dir = Files.createTempDirectory("backprop4j-numpy-");
        NumpyScript script = new NumpyScript(dir, files.get(0));
        try {
            for (String f : files) {
                try (InputStream in = NumpyScript.class.getResourceAsStream(RESOURCES + f)) {
                    if (in == null) {
                        throw new IOException(
                                "the resource " + RESOURCES + f + " is missing from the class path (a broken build?)");
                    }
                    Path target = dir.resolve(f);
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        } catch (IOException | RuntimeException e) {
            script.close();
            throw e;
        }
        return script;
    }

    /** The temporary folder. */
    Path dir() {
        return dir;
    }

    /** {@code python script args...} with the thread variables set and the working directory the folder. */
    ProcessBuilder command(String python, int threads, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.add(dir.resolve(main).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        String t = Integer.toString(threads);
        for (String var : List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
            pb.environment().put(var, t);
        }
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return pb;
    }

    private static List<String> concat(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    /** Deletes the folder. */
    @Override
    public void close() {
        deleteTree(dir);
    }

    /** Deletes {@code dir} and everything in it. */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temporary folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
