package org.backprop4j.datasets.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an NPZ file as {@code np.savez} does: a zip archive of uncompressed ({@code ZIP_STORED}) entries,
 * one {@code <name>.npy} per array, so that {@code np.load(file)[name]} gives the array. Other entries
 * (such as a JSON description) may be added by their full name; {@code np.load} gives those as bytes.
 * Entry times are fixed (1980-01-01), so the same arrays give the same bytes. {@link NpzReader} reads
 * the arrays back.
 */
public final class NpzWriter implements AutoCloseable {

    /** The earliest time a zip entry can hold: entries carry no wall-clock time. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final ZipOutputStream zip;
    private final Set<String> names = new HashSet<>();

    /** An archive written to {@code out} (which {@link #close} leaves open, for its owner to force and close). */
    public NpzWriter(OutputStream out) {
        this.zip = new ZipOutputStream(out);
    }

    /** Adds the array {@code name} ({@code name.npy}); see {@link NpyWriter#write} for the arguments. */
    public NpzWriter array(String name, NpyDType dtype, long[] shape, double[] values) throws IOException {
        return entry(name + ".npy", NpyWriter.toBytes(dtype, shape, values));
    }

    /** Adds an entry that is not an array, under its full name (e.g. {@code model.json}). */
    public NpzWriter entry(String entryName, byte[] content) throws IOException {
        if (!names.add(entryName)) {
            throw new IllegalArgumentException("the archive already holds an entry " + entryName + ".");
        }
        ZipEntry e = new ZipEntry(entryName);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
        return this;
    }

    /** Writes the zip's central directory; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        zip.finish();
        zip.flush();
    }
}
