package org.backprop4j.datasets.npy;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.backprop4j.backend.Backend;
import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.DatasetNotFoundException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;

/**
 * Reads an NPZ file ({@code np.savez} or {@code np.savez_compressed}): a zip archive, entries stored or
 * deflated, holding one NPY file per array under the name {@code <array>.npy}.
 */
public final class NpzReader implements Closeable {

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> arrays = new LinkedHashMap<>();

    private NpzReader(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (!e.isDirectory() && e.getName().endsWith(".npy")) {
                arrays.put(e.getName().substring(0, e.getName().length() - 4), e);
            }
        }
    }

    /**
     * Opens {@code file}.
     *
     * @throws DatasetNotFoundException if it does not exist
     * @throws DatasetFormatException if it is not a zip archive
     */
    public static NpzReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetNotFoundException("The NPZ file " + file + " does not exist.");
        }
        try {
            return new NpzReader(file, new ZipFile(file.toFile()));
        } catch (ZipException e) {
            throw new DatasetFormatException(file.toString(),
                    "it is not a zip archive as np.savez writes (" + e.getMessage() + ")", e);
        }
    }

    /** The names of the arrays it holds, e.g. {@code X_train}, in archive order. */
    public Set<String> names() {
        return arrays.keySet();
    }

    /** True if it holds an array {@code name}. */
    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** The header of array {@code name} (dtype, order, shape), without reading its data. */
    public NpyHeader header(String name) throws IOException {
        try (UntrustedInput in = entry(name)) {
            return NpyHeader.read(in);
        }
    }

    /** The whole array {@code name}. */
    public NpyArray read(String name) throws IOException {
        try (UntrustedInput in = entry(name)) {
            return NpyReader.read(in);
        }
    }

    /** The first {@code maxRows} rows (all if negative) of array {@code name} as a matrix; see {@link NpyReader#readMatrix}. */
    public Matrix readMatrix(String name, int maxRows, Backend backend, DType dtype) throws IOException {
        try (UntrustedInput in = entry(name)) {
            return NpyReader.readMatrix(in, name, maxRows, backend, dtype);
        }
    }

    private UntrustedInput entry(String name) throws IOException {
        ZipEntry e = arrays.get(name);
        if (e == null) {
            throw new DatasetFormatException(file.toString(),
                    "it holds no array " + name + " (it holds " + names() + ")");
        }
        InputStream raw;
        try {
            raw = zip.getInputStream(e);
        } catch (ZipException x) {
            throw new DatasetFormatException(source(name), "its zip entry is corrupt (" + x.getMessage() + ")", x);
        }
        return UntrustedInput.of(source(name), raw, e.getSize());
    }

    private String source(String name) {
        return file + " (array " + name + ")";
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
