package org.backprop4j.solver.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers only ever see the old or the new content: the bytes go to
 * {@code NAME.<random>.tmp} in the same folder, are forced to disk, and the temporary file is renamed
 * over {@code NAME}. The temporary file is created as any new file is, so the result has the mode the
 * umask gives (0644 under umask 022), not the owner-only mode of {@link Files#createTempFile}.
 */
public final class AtomicFile {

    /** What {@link #write} leaves behind when the process dies mid-write, for the files of a run folder. */
    private static final Pattern TEMPORARY = Pattern.compile(".+\\.(ckpt|json)\\.[A-Za-z0-9]+\\.tmp");

    /** Writes the content. */
    @FunctionalInterface
    public interface Body {
        /** Writes everything to {@code out} (which the caller closes). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} atomically with {@code body}; its folder is created if needed. */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = null;
        try {
            FileChannel ch = null;
            while (ch == null) {
                tmp = abs.resolveSibling(abs.getFileName() + "."
                        + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + ".tmp");
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    // another writer drew the same name: draw again
                }
            }
            try (FileChannel c = ch; OutputStream os = Channels.newOutputStream(c)) {
                body.writeTo(os);
                os.flush();
                c.force(true);
            } catch (FileSystemException e) {
                throw e;
            } catch (IOException e) {
                // a full disk surfaces as a bare "No space left on device": say which file it was writing
                throw (IOException) new FileSystemException(abs.toString(), null, e.getMessage()).initCause(e);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Whether {@code fileName} is a temporary checkpoint or JSON file that an interrupted {@link #write} left. */
    public static boolean isLeftOver(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }
}
