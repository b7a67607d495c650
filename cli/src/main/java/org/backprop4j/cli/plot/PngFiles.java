package org.backprop4j.cli.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Shared plumbing of the plot writers: forces AWT into headless mode (the CLI runs on servers and
 * in CI) and writes a PNG atomically, so that a failed or interrupted run never leaves a partly
 * written image behind.
 */
final class PngFiles {

    private PngFiles() {}

    /**
     * Sets {@code java.awt.headless=true} unless the user chose a value. Must run before the first
     * AWT class initialises its toolkit, so every plot class calls it from its static initialiser.
     */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Encodes {@code image} as PNG into a temporary file next to {@code png}, then moves it into
     * place (atomically where the file system allows). Parent directories are created.
     */
    static void write(BufferedImage image, Path png) throws IOException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(png, "png");
        Path target = png.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available for image type " + image.getType());
            }
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
