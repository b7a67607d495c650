package org.backprop4j.solver.checkpoint;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

import org.backprop4j.models.ModelSpec;
import org.backprop4j.random.NumpyRandom;

/**
 * Reads and writes {@link Checkpoint}s in the backprop4j checkpoint format, version {@value #VERSION}.
 *
 * <p>The format (all numbers big-endian, strings as length-prefixed modified UTF-8 as
 * {@link DataOutputStream#writeUTF}):
 * <pre>
 * magic "BP4JCKPT" (8 bytes) · int version
 * model: utf kind · properties
 * solver: properties
 * metadata: properties
 * int epoch · int iteration · double best_val_acc · int best_iteration · boolean training_state
 * doubles loss_history · doubles train_acc_history · doubles val_acc_history
 * rng: int[624] key · int pos · boolean has_gauss · double cached_gaussian
 * tensors params · tensors best_params · tensors buffers · tensors best_buffers
 * int n · n × (utf param · properties hyper-parameters · long t · tensors state)
 * long CRC-32 of every byte before it
 *
 * properties = int n · n × (utf key · utf value)
 * doubles    = int n · n × double
 * tensors    = int n · n × (utf name · int rows · int cols · rows·cols × double)
 * </pre>
 * Version 1 (still read) lacks the metadata, best_iteration, training_state and best_buffers fields:
 * its files are training states, with the best's iteration unknown and the current buffers as the best's.
 *
 * <p>Writing is atomic ({@link AtomicFile}): a crash never leaves a partly written checkpoint.
 */
public final class CheckpointFile {

    /** The format version this class writes; it also reads version 1. */
    public static final int VERSION = 2;
    private static final byte[] MAGIC = "BP4JCKPT".getBytes(StandardCharsets.US_ASCII);

    private CheckpointFile() {
    }

    /** Writes {@code c} to {@code file} atomically (see {@link AtomicFile}). */
    public static void write(Path file, Checkpoint c) throws IOException {
        AtomicFile.write(file, os -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    new CheckedOutputStream(os, crc), 1 << 16));
            writeBody(out, c);
            out.flush();
            new DataOutputStream(os).writeLong(crc.getValue());
        });
    }

    private static void writeBody(DataOutputStream out, Checkpoint c) throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(c.model().kind());
        writeProperties(out, c.model().properties());
        writeProperties(out, c.solverOptions());
        writeProperties(out, c.metadata());
        out.writeInt(c.epoch());
        out.writeInt(c.iteration());
        out.writeDouble(c.bestValAcc());
        out.writeInt(c.bestIteration());
        out.writeBoolean(c.trainingState());
        writeDoubles(out, c.lossHistory());
        writeDoubles(out, c.trainAccHistory());
        writeDoubles(out, c.valAccHistory());
        NumpyRandom.State s = c.rng();
        for (int k : s.key()) {
            out.writeInt(k);
        }
        out.writeInt(s.pos());
        out.writeBoolean(s.hasGauss());
        out.writeDouble(s.cachedGaussian());
        writeTensors(out, c.params());
        writeTensors(out, c.bestParams());
        writeTensors(out, c.buffers());
        writeTensors(out, c.bestBuffers());
        out.writeInt(c.optim().size());
        for (Map.Entry<String, OptimState> e : c.optim().entrySet()) {
            out.writeUTF(e.getKey());
            Map<String, String> hyper = new LinkedHashMap<>();
            e.getValue().hyperParameters().forEach((k, v) -> hyper.put(k, Double.toString(v)));
            writeProperties(out, hyper);
            out.writeLong(e.getValue().t());
            writeTensors(out, e.getValue().state());
        }
    }

    private static void writeProperties(DataOutputStream out, Map<String, String> p) throws IOException {
        out.writeInt(p.size());
        // sorted by key: the same properties give the same bytes, whatever the map's own order
        for (Map.Entry<String, String> e : new TreeMap<>(p).entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        writeValues(out, a);
    }

    private static void writeTensors(DataOutputStream out, Map<String, Tensor> tensors) throws IOException {
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().rows());
            out.writeInt(e.getValue().cols());
            writeValues(out, e.getValue().data());
        }
    }

    /** The values as big-endian doubles, converted in blocks rather than one {@code writeDouble} each. */
    private static void writeValues(DataOutputStream out, double[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096);
        for (int i = 0; i < a.length; i += 4096) {
            int n = Math.min(4096, a.length - i);
            buf.clear();
            buf.asDoubleBuffer().put(a, i, n);
            out.write(buf.array(), 0, 8 * n);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws CheckpointFormatException naming the file if it is not a checkpoint, is truncated or
     *                                   corrupt, or has another version
     */
    public static Checkpoint read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new CheckpointFormatException(file + " is not a backprop4j checkpoint (it does not start with "
                    + "BP4JCKPT).");
        }
        if (all.length < MAGIC.length + 4 + 8) {
            throw new CheckpointFormatException(file + " is truncated: it ends within its header.");
        }
        int version = ByteBuffer.wrap(all, MAGIC.length, 4).getInt();
        if (version != VERSION && version != 1) {
            throw new CheckpointFormatException(file + " is a checkpoint of format version " + version
                    + ", but this program reads versions 1 and " + VERSION + ".");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new CheckpointFormatException(file + " is truncated or corrupt: its CRC-32 checksum does not match.");
        }
        ByteBuffer body = ByteBuffer.wrap(all, 0, all.length - 8);
        body.position(MAGIC.length + 4);
        try {
            return readBody(body, version);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CheckpointFormatException(file + " is corrupt: " + (e.getMessage() == null
                    ? "a field runs past the end of the file"
                    : e.getMessage()));
        }
    }

    private static Checkpoint readBody(ByteBuffer in, int version) {
        String kind = readUtf(in);
        ModelSpec model = new ModelSpec(kind, readProperties(in));
        Map<String, String> solver = readProperties(in);
        Map<String, String> metadata = version >= 2 ? readProperties(in) : Map.of();
        int epoch = in.getInt();
        int iteration = in.getInt();
        double best = in.getDouble();
        // version 1 did not record when the best was found; all its files are training states
        int bestIteration = version >= 2 ? in.getInt() : -1;
        boolean trainingState = version < 2 || in.get() != 0;
        double[] loss = readDoubles(in);
        double[] trainAcc = readDoubles(in);
        double[] valAcc = readDoubles(in);
        int[] key = new int[624];
        for (int i = 0; i < key.length; i++) {
            key[i] = in.getInt();
        }
        int pos = in.getInt();
        boolean hasGauss = in.get() != 0;
        double gauss = in.getDouble();
        NumpyRandom.State rng = new NumpyRandom.State(key, pos, hasGauss, gauss);
        Map<String, Tensor> params = readTensors(in);
        Map<String, Tensor> bestParams = readTensors(in);
        Map<String, Tensor> buffers = readTensors(in);
        Map<String, Tensor> bestBuffers = version >= 2 ? readTensors(in) : buffers;
        int n = count(in, 4);
        Map<String, OptimState> optim = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = readUtf(in);
            Map<String, Double> hyper = new LinkedHashMap<>();
            readProperties(in).forEach((k, v) -> hyper.put(k, Double.parseDouble(v)));
            long t = in.getLong();
            optim.put(name, new OptimState(hyper, t, readTensors(in)));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " unexpected bytes follow the last field");
        }
        return new Checkpoint(model, solver, metadata, epoch, iteration, best, bestIteration, trainingState, loss,
                trainAcc, valAcc, rng, params, bestParams, buffers, bestBuffers, optim);
    }

    /** A count of items of at least {@code minBytes} each, checked against what is left. */
    private static int count(ByteBuffer in, int minBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new IllegalArgumentException("a count of " + n + " does not fit in the " + in.remaining()
                    + " bytes that remain");
        }
        return n;
    }

    /** A string as {@link DataOutputStream#writeUTF} wrote it: a 2-byte length, then modified UTF-8. */
    private static String readUtf(ByteBuffer in) {
        int len = in.getShort(in.position()) & 0xffff;
        if (len + 2 > in.remaining()) {
            throw new BufferUnderflowException();
        }
        try {
            String s = new DataInputStream(new ByteArrayInputStream(in.array(),
                    in.arrayOffset() + in.position(), len + 2)).readUTF();
            in.position(in.position() + len + 2);
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("a string is not valid modified UTF-8");
        }
    }

    private static Map<String, String> readProperties(ByteBuffer in) {
        int n = count(in, 4);
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            p.put(readUtf(in), readUtf(in));
        }
        return p;
    }

    private static double[] readDoubles(ByteBuffer in) {
        int n = count(in, 8);
        double[] a = new double[n];
        in.asDoubleBuffer().get(a);
        in.position(in.position() + 8 * n);
        return a;
    }

    private static Map<String, Tensor> readTensors(ByteBuffer in) {
        int n = count(in, 10);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = readUtf(in);
            int rows = in.getInt();
            int cols = in.getInt();
            if (rows < 0 || cols < 0 || (long) rows * cols * 8 > in.remaining()) {
                throw new IllegalArgumentException("tensor " + name + " claims shape (" + rows + ", " + cols
                        + "), more than the " + in.remaining() + " bytes that remain");
            }
            double[] d = new double[rows * cols];
            in.asDoubleBuffer().get(d);
            in.position(in.position() + 8 * d.length);
            out.put(name, new Tensor(rows, cols, d));
        }
        return out;
    }
}
