package org.backprop4j.cli.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.datasets.io.DatasetException;
import org.backprop4j.datasets.npy.NpyArray;
import org.backprop4j.datasets.npy.NpyDType;
import org.backprop4j.datasets.npy.NpyHeader;
import org.backprop4j.datasets.npy.NpyWriter;
import org.backprop4j.datasets.npy.NpzReader;
import org.backprop4j.datasets.npy.NpzWriter;
import org.backprop4j.matrix.DType;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.models.Model;
import org.backprop4j.models.Parameters;
import org.backprop4j.models.cnn.ThreeLayerConvNet;
import org.backprop4j.solver.checkpoint.AtomicFile;
import org.backprop4j.tensor.Tensor;

/**
 * A model's parameters as NumPy's {@code .npz}, both ways: the layout {@code np.savez(f, **model.params)} writes.
 *
 * <p>Entries: one {@code .npy} per parameter, named as the notebooks name them ({@code W1, b1, ..., gamma1,
 * beta1, ...}), in the model's dtype ({@code <f8} or {@code <f4}) and C order, weights 2-D as the model stores them
 * (a convolutional net's filters {@code W1} 4-D, {@code (F, C, HH, WW)}), and biases, {@code gamma} and {@code beta} 1-D {@code (n,)} as {@code np.zeros(n)} makes them; the batchnorm
 * running statistics as {@code bn_params/<i>/running_mean} and {@code bn_params/<i>/running_var} (1-D), mirroring
 * cs231n's {@code model.bn_params[i]['running_mean']} with its 0-based {@code i} (layer {@code i + 1}, the one of
 * {@code gamma<i+1>}); and {@value #CONFIG}, the model's kind and configuration as JSON with the list of parameter
 * names. So {@code f = np.load(file)} gives {@code model.params} as {@code {k: f[k] for k in cfg['params']}}.
 */
public final class ModelNpz {

    /** The JSON entry: {@code format, version, kind, properties, dtype, params, bn_params}. */
    public static final String CONFIG = "model.json";

    /** The value of the JSON's {@code format}. */
    static final String FORMAT = "backprop4j model";

    private static final Pattern RUNNING_STAT = Pattern.compile("(running_mean|running_var)([1-9][0-9]*)");

    private ModelNpz() {
    }

    /** The entry name of a buffer: {@code running_mean2} is {@code bn_params/1/running_mean}. */
    static String entryName(String buffer) {
        Matcher m = RUNNING_STAT.matcher(buffer);
        return m.matches() ? "bn_params/" + (Integer.parseInt(m.group(2)) - 1) + "/" + m.group(1) : buffer;
    }

    /**
     * The NumPy shape of a parameter or buffer of {@code model}: weights as stored, but a convolutional net's filters
     * {@code W1} as cs231n's {@code (F, C, HH, WW)}; everything else (a (1, n) row) as {@code (n,)}.
     */
    static long[] numpyShape(Model model, String name, Matrix m) {
        if (model instanceof ThreeLayerConvNet cnn && name.equals("W1")) {
            Tensor w = cnn.filters();
            return new long[] {w.n(), w.channels(), w.height(), w.width()};
        }
        return name.startsWith("W") ? new long[] {m.rows(), m.cols()} : new long[] {(long) m.rows() * m.cols()};
    }

    /** The NPY element type of a dtype. */
    static NpyDType npyType(DType dtype) {
        return dtype == DType.FLOAT32 ? NpyWriter.FLOAT32 : NpyWriter.FLOAT64;
    }

    /** Writes {@code model}'s parameters, buffers and configuration to {@code file}, atomically (see {@link AtomicFile}). */
    public static void write(Model model, Path file) throws IOException {
        NpyDType type = npyType(model.dtype());
        List<Map<String, String>> bn = new ArrayList<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", FORMAT);
        config.put("version", 1);
        config.put("kind", model.spec().kind());
        config.put("properties", model.spec().properties());
        config.put("dtype", model.dtype().numpyName());
        config.put("params", model.params().names());
        for (String name : model.buffers().names()) {
            Matcher m = RUNNING_STAT.matcher(name);
            if (m.matches()) {
                int i = Integer.parseInt(m.group(2)) - 1;
                while (bn.size() <= i) {
                    bn.add(new LinkedHashMap<>());
                }
                bn.get(i).put(m.group(1), entryName(name));
            }
        }
        config.put("bn_params", bn);
        byte[] json = Json.write(config).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, os -> {
            try (NpzWriter npz = new NpzWriter(os)) {
                for (Map.Entry<String, Matrix> e : model.params()) {
                    npz.array(e.getKey(), type, numpyShape(model, e.getKey(), e.getValue()), e.getValue().toArray());
                }
                for (Map.Entry<String, Matrix> e : model.buffers()) {
                    npz.array(entryName(e.getKey()), type, numpyShape(model, e.getKey(), e.getValue()),
                            e.getValue().toArray());
                }
                npz.entry(CONFIG, json);
            }
        });
    }

    /**
     * Overwrites {@code model}'s parameters with those in {@code file}: an {@code np.savez(file, **model.params)}
     * or a file {@link #write} wrote (whose batchnorm running statistics are loaded too). Every array must be one
     * of the model's, of its shape (a bias also as {@code (1, n)}) and dtype, with finite values; every parameter
     * must be there. Nothing is changed unless all of that holds.
     *
     * @param option the option that named the file, for messages (e.g. {@code --init-params})
     * @throws UserError with one sentence per mismatch, or if the file cannot be read as an NPZ file
     */
    public static void load(Path file, Model model, String option) throws IOException {
        Map<String, String> owners = new LinkedHashMap<>(); // entry name -> parameter or buffer
        model.params().names().forEach(n -> owners.put(n, n));
        model.buffers().names().forEach(n -> owners.put(entryName(n), n));
        List<String> problems = new ArrayList<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        try (NpzReader npz = NpzReader.open(file)) {
            Set<String> names = new LinkedHashSet<>(npz.names());
            for (String entry : names) {
                String owner = owners.get(entry);
                if (owner == null) {
                    boolean batchnorm = entry.startsWith("gamma") || entry.startsWith("beta")
                            || entry.startsWith("bn_params/");
                    problems.add(entry + " is no parameter of the model"
                            + (batchnorm && model.buffers().size() == 0 ? " (a batchnorm one: add --batchnorm)" : "")
                            + ".");
                    continue;
                }
                Matrix target = model.params().has(owner) ? model.params().get(owner) : model.buffers().get(owner);
                NpyHeader h = npz.header(entry);
                String problem = mismatch(entry, h, numpyShape(model, owner, target), model.dtype());
                if (problem != null) {
                    problems.add(problem);
                    continue;
                }
                NpyArray a = npz.read(entry);
                double[] v = a.toDoubleArray();
                for (int i = 0; i < v.length; i++) {
                    if (!Double.isFinite(v[i])) {
                        problems.add(
                                entry + " holds " + v[i] + " at flat index " + i + " (parameters must be finite).");
                        break;
                    }
                }
                values.put(owner, v);
            }
            for (String p : model.params().names()) {
                if (!names.contains(p)) {
                    Matrix m = model.params().get(p);
                    problems.add(
                            p + " is missing (the model's has shape " + shapeString(numpyShape(model, p, m)) + ").");
                }
            }
        } catch (DatasetException e) {
            throw new UserError(option + " " + file + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new UserError(option + " " + file + " does not fit the model (its parameters: "
                    + String.join(", ", model.params().names()) + "): " + String.join(" ", problems));
        }
        values.forEach((owner, v) -> {
            Parameters where = model.params().has(owner) ? model.params() : model.buffers();
            Matrix m = where.get(owner);
            m.assign(model.backend().fromArray(m.rows(), m.cols(), v, m.dtype()));
        });
    }

    /** Why the array {@code entry} with header {@code h} cannot be the model's {@code target}, or null. */
    private static String mismatch(String entry, NpyHeader h, long[] expected, DType dtype) {
        long[] shape = h.shape();
        boolean rowAsMatrix = expected.length == 1 && shape.length == 2 && shape[0] == 1 && shape[1] == expected[0];
        if (!Arrays.equals(expected, shape) && !rowAsMatrix) {
            return entry + " has shape " + h.shapeString() + ", but the model's has shape " + shapeString(expected)
                    + ".";
        }
        NpyDType t = h.dtype();
        if (t.kind() != 'f' || t.size() != dtype.bytes()) {
            String fix = t.kind() == 'f' ? "train with --dtype " + numpyName(t) + ", or save " : "save ";
            return entry + " is " + numpyName(t) + ", but the model is " + dtype.numpyName() + " (" + fix + entry
                    + ".astype(np." + dtype.numpyName() + ")).";
        }
        return null;
    }

    private static String numpyName(NpyDType t) {
        return switch (t.kind()) {
            case 'f' -> "float" + 8 * t.size();
            case 'u' -> "uint" + 8 * t.size();
            default -> "int" + 8 * t.size();
        };
    }

    private static String shapeString(long[] shape) {
        return new NpyHeader(NpyWriter.FLOAT64, false, shape).shapeString();
    }
}
