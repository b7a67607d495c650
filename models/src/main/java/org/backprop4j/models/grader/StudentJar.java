package org.backprop4j.models.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

import org.backprop4j.kernel.Kernels;

/**
 * Loads a student's code from a jar (or a directory of classes, such as {@code target/classes}) in a class loader
 * of its own: the {@link Kernels} class listed in the jar's {@code META-INF/services/org.backprop4j.kernel.Kernels}
 * (or named by the manifest attribute {@code Kernels-Class}) and, if listed, the {@link TwoLayerNetLoss} of
 * {@code META-INF/services/org.backprop4j.models.grader.TwoLayerNetLoss} (or {@code TwoLayerNetLoss-Class}).
 * Only the jar's own entries are read, so a Kernels on the grader's class path is never taken for the student's.
 *
 * <p>The student's packages are loaded from the jar first, everything else (the API the student compiled
 * against) from the grader's class path. The loader stays open for the life of the program: a function that did
 * not return in time may still be running its classes.
 */
public final class StudentJar {

    private static final String KERNELS = Kernels.class.getName();
    private static final String NET = TwoLayerNetLoss.class.getName();

    private StudentJar() {
    }

    /**
     * The student's code in {@code jar}.
     *
     * @throws IllegalArgumentException in one sentence when the file is missing, not a jar, lists no Kernels, or
     *                                  a listed class cannot be created
     */
    public static StudentCode load(Path jar) {
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException("student jar " + jar + " does not exist.");
        }
        String kernelsClass;
        String netClass;
        if (Files.isDirectory(jar)) {
            kernelsClass = listed(jar, KERNELS, readFile(jar.resolve("META-INF/services/" + KERNELS)), null);
            netClass = listed(jar, NET, readFile(jar.resolve("META-INF/services/" + NET)), null);
        } else {
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
                kernelsClass = listed(jar, KERNELS, readEntry(file, KERNELS), main.getValue("Kernels-Class"));
                netClass = listed(jar, NET, readEntry(file, NET), main.getValue("TwoLayerNetLoss-Class"));
            } catch (ZipException e) {
                throw new IllegalArgumentException("student jar " + jar + " is not a jar (zip) file: " + e.getMessage()
                        + ".", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read student jar " + jar + ": " + e.getMessage(), e);
            }
        }
        if (kernelsClass == null) {
            throw new IllegalArgumentException("student jar " + jar + " holds no Kernels: list your class in "
                    + "META-INF/services/" + KERNELS + " (or name it in the manifest as Kernels-Class).");
        }
        List<String> packages = new ArrayList<>();
        packages.add(packageOf(kernelsClass));
        if (netClass != null) {
            packages.add(packageOf(netClass));
        }
        ClassLoader loader = new StudentClassLoader(url(jar), packages, StudentJar.class.getClassLoader());
        Kernels kernels = create(jar, loader, kernelsClass, Kernels.class);
        TwoLayerNetLoss net = netClass == null ? null : create(jar, loader, netClass, TwoLayerNetLoss.class);
        return new StudentCode(kernels, net, jar.toString(), false);
    }

    /** The one class a service file (or else the manifest) names, or {@code null}. */
    private static String listed(Path jar, String service, List<String> lines, String manifestClass) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String name = (hash < 0 ? line : line.substring(0, hash)).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.size() > 1) {
            throw new IllegalArgumentException("student jar " + jar + " lists " + names.size() + " classes in "
                    + "META-INF/services/" + service + " (" + String.join(", ", names) + "): list one.");
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return manifestClass == null || manifestClass.isBlank() ? null : manifestClass.trim();
    }

    private static <T> T create(Path jar, ClassLoader loader, String name, Class<T> type) {
        Class<?> c;
        try {
            c = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("student jar " + jar + " lists " + name + " as its "
                    + type.getSimpleName() + ", but the class cannot be loaded: " + e + ".", e);
        }
        if (!type.isAssignableFrom(c)) {
            throw new IllegalArgumentException("student jar " + jar + " lists " + name + " as its "
                    + type.getSimpleName() + ", but it does not implement " + type.getName() + ".");
        }
        try {
            return type.cast(c.getConstructor().newInstance());
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new IllegalArgumentException("student jar " + jar + ": " + name + " needs a public constructor "
                    + "without arguments.", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("student jar " + jar + ": the constructor of " + name + " threw "
                    + e.getCause() + ".", e.getCause());
        }
    }

    private static List<String> readEntry(JarFile file, String service) throws IOException {
        var entry = file.getJarEntry("META-INF/services/" + service);
        if (entry == null) {
            return List.of();
        }
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static List<String> readFile(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot + 1);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("student jar " + jar + " has no URL: " + e.getMessage() + ".", e);
        }
    }

    /** Loads the student's packages from the jar first, so a copy on the grader's class path is never used. */
    private static final class StudentClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final List<String> packages;

        StudentClassLoader(URL jar, List<String> packages, ClassLoader parent) {
            super("student", new URL[] {jar}, parent);
            this.packages = packages;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!isStudents(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private boolean isStudents(String name) {
            for (String p : packages) {
                if (p.isEmpty() ? name.indexOf('.') < 0 : name.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }
}
