package org.backprop4j.tune.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.cli.Main;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.models.ModelSpec;
import org.backprop4j.solver.Solver;

/**
 * backprop4j's own jars, which the driver ships to a cluster's executors ({@code spark.jars}); the third-party
 * jars they need are the cluster's ({@code SPARK_HOME/jars}: the module's {@code target/spark-jars}). A module
 * that runs from its classes folder (a test run) is shipped as a jar made of it.
 */
final class AppJars {

    private AppJars() {
    }

    /** The jars, as paths. */
    static List<String> list() {
        Set<Class<?>> classes = new LinkedHashSet<>(List.of(Main.class, AppJars.class, Backend.class,
                ModelSpec.class, Solver.class, DataSplits.class));
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            classes.add(p.getClass());
        }
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            jars.add(jar(c).toString());
        }
        return List.copyOf(jars);
    }

    private static Path jar(Class<?> c) {
        try {
            Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? jarOf(p) : p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the class path entry of " + c.getName() + " is not a file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jarOf(Path dir) throws IOException {
        Path jar = Files.createTempFile("backprop4j-" + dir.getParent().getFileName() + "-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(os);
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
