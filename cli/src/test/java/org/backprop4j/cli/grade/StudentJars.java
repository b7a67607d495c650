package org.backprop4j.cli.grade;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds a student jar from compiled test classes, as {@code mvn package} builds one from a student project. */
final class StudentJars {

    private StudentJars() {
    }

    /**
     * Writes {@code jar} holding every class of {@code pkg} (from this module's test classes) and the given
     * service files ({@code META-INF/services/<interface>} listing the implementation).
     */
    static Path build(Path jar, String pkg, Map<String, String> services) throws IOException {
        return build(jar, List.of(pkg), services, Map.of());
    }

    /** As {@link #build(Path, String, Map)}, with these main attributes in the manifest. */
    static Path build(Path jar, List<String> packages, Map<String, String> services, Map<String, String> manifest)
            throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().put(new Attributes.Name(k), v));
        Path classes = Path.of("target", "test-classes");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, mf)) {
            for (String pkg : packages) {
                String dir = pkg.replace('.', '/');
                try (Stream<Path> files = Files.list(classes.resolve(dir))) {
                    for (Path c : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                        out.putNextEntry(new JarEntry(dir + "/" + c.getFileName()));
                        out.write(Files.readAllBytes(c));
                        out.closeEntry();
                    }
                }
            }
            for (Map.Entry<String, String> s : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
                out.write((s.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The services of a jar with both a Kernels and a TwoLayerNetLoss. */
    static Map<String, String> kernelsAndNet(String kernels, String net) {
        return Map.of("org.backprop4j.kernel.Kernels", kernels, "org.backprop4j.models.grader.TwoLayerNetLoss", net);
    }

    /** The lines of a report. */
    static List<String> lines(String out) {
        return out.lines().toList();
    }
}
