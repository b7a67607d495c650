package org.backprop4j.cli.check.conformance;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.backprop4j.cli.common.UserError;

/** The class loader of {@code --classpath}: jars or class folders, checked to exist before anything is loaded. */
final class ExtraClasspath {

    private ExtraClasspath() {
    }

    /** A loader over {@code classpath} (entries separated as in {@code java -cp}) whose parent is the program's. */
    static ClassLoader loader(String classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new UserError("--classpath: no such jar or folder '" + entry + "'.");
            }
            if (Files.isRegularFile(p) && !entry.endsWith(".jar")) {
                throw new UserError("--classpath: '" + entry + "' is not a jar (expected a .jar file or a folder).");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UserError("--classpath: '" + entry + "' is not a valid path.", e);
            }
        }
        if (urls.isEmpty()) {
            throw new UserError("--classpath: expected a jar or a folder, got '" + classpath + "'.");
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ExtraClasspath.class.getClassLoader());
    }
}
