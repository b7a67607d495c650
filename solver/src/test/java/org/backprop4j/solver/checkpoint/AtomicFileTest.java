package org.backprop4j.solver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aFailedWriteNamesTheFileAndLeavesTheOldContentsAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("last.ckpt");
        Files.write(target, new byte[] {1, 2, 3});
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[100]);
            throw new IOException("No space left on device");
        }));
        assertEquals(target.toAbsolutePath().toString(), e.getFile());
        assertEquals("No space left on device", e.getReason());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aCompletedWriteReplacesTheFileWhole() throws IOException {
        Path target = dir.resolve("sub").resolve("run.json");
        AtomicFile.write(target, out -> out.write("{}".getBytes()));
        assertEquals("{}", Files.readString(target));
        assertFalse(AtomicFile.isLeftOver(target.getFileName().toString()));
    }
}
