package org.backprop4j.datasets.cifar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import org.backprop4j.datasets.io.DatasetFormatException;

/**
 * A razorvine {@link Unpickler} that reads the pickles of the CIFAR-10 python batches and nothing
 * else that could run code. A pickle is a program; this one is allowed to name only the Python
 * globals those files use ({@link #ALLOWED_GLOBALS}), each answered by a constructor written here that
 * builds plain data: the distributed batches (Python 2 cPickle, protocol 2) need {@code numpy.ndarray},
 * {@code numpy.dtype} and {@code numpy.core.multiarray._reconstruct}; a batch re-saved by Python 3 may
 * also name {@code _codecs.encode} (protocol 2 writes bytes as {@code _codecs.encode(str, 'latin1')}),
 * NumPy 2's {@code numpy._core.multiarray._reconstruct}, and, with protocol 5, NumPy's
 * {@code numpy.core.numeric._frombuffer} or {@code numpy._core.numeric._frombuffer}. Any other global (e.g. {@code os.system}, {@code builtins.eval},
 * {@code subprocess.Popen}) is refused when its name is read, before anything is looked up, with a
 * {@link DatasetFormatException} naming the global and the file.
 *
 * <p>How: every opcode that makes a callable ({@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}) is
 * handled here instead of by razorvine, whose own lookup would fall back to its static registry
 * (datetime, decimal, sets, {@code copy_reg._reconstructor}, exception classes...) or to its
 * class-dictionary objects. {@code REDUCE}, {@code NEWOBJ} and {@code OBJ} can therefore only call the
 * constructors below. {@code BUILD}, which razorvine answers by calling {@code __setstate__} by
 * reflection on whatever object is on the stack, is handled here and accepts only the array and dtype
 * objects made below. Persistent ids, extension codes and out-of-band buffers fail as in razorvine.
 *
 * <p>Robustness: every length field is checked against the bytes that remain before anything is
 * allocated; Python 2 byte strings stay {@code byte[]} (no 2-byte-per-character copy of the 30 MB of
 * pixels); dict keys must be hashable scalars or tuples (a list containing itself cannot send
 * {@code hashCode} into endless recursion); any other failure of the stack machine is reported as a
 * malformed pickle.
 */
final class CifarUnpickler extends Unpickler {

    /** The globals a CIFAR-10 python batch needs, as {@code module.name}. */
    static final Set<String> ALLOWED_GLOBALS = Set.of("numpy.core.multiarray._reconstruct",
            "numpy._core.multiarray._reconstruct", "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
            "numpy.ndarray", "numpy.dtype", "_codecs.encode");

    private static final String ALLOWED_TEXT = "only numpy.ndarray, numpy.dtype, numpy[._]core.multiarray._reconstruct,"
            + " numpy[._]core.numeric._frombuffer and _codecs.encode are allowed";

    private final String source;
    private final int length;
    private ByteArrayInputStream bytes;

    private CifarUnpickler(String source, int length) {
        this.source = source;
        this.length = length;
    }

    /**
     * Unpickles {@code data}.
     *
     * @throws DatasetFormatException if the pickle is malformed or names a global outside the allow-list
     */
    static Object unpickle(String source, byte[] data) throws DatasetFormatException {
        CifarUnpickler u = new CifarUnpickler(source, data.length);
        u.bytes = new ByteArrayInputStream(data);
        try {
            return u.load(u.bytes);
        } catch (DatasetFormatException e) {
            throw e;
        } catch (Refused e) {
            throw e.exception;
        } catch (IndexOutOfBoundsException e) {
            throw new DatasetFormatException(source, "it is not a valid pickle (an opcode before byte " + u.offset()
                    + " finds too few values on the stack)", e);
        } catch (ClassCastException e) {
            throw new DatasetFormatException(source, "it is not a valid pickle (an opcode before byte " + u.offset()
                    + " finds a value of the wrong type on the stack)", e);
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException(source, "it is not a valid pickle (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : firstLine(e.getMessage())) + ", before byte " + u.offset() + ")", e);
        } finally {
            u.close();
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> stack.add(global(PickleUtils.readline(input), PickleUtils.readline(input)));
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (text(module) == null || text(name) == null) {
                    throw format("a STACK_GLOBAL opcode names a global with something other than two strings");
                }
                stack.add(global(text(module), text(name)));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                throw refused(module + "." + name);
            }
            case Opcodes.BUILD -> build();
            case Opcodes.BINSTRING -> stack.add(readCounted(4));
            case Opcodes.SHORT_BINSTRING -> stack.add(readCounted(1));
            case Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.LONG4 -> {
                checkLength(4);
                return super.dispatch(key);
            }
            case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> {
                checkLength(8);
                return super.dispatch(key);
            }
            case Opcodes.DICT -> stack.add(putAll(new HashMap<>(), stack.pop_all_since_marker()));
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                putAll(dictOnTop(), items);
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = stack.pop();
                dictOnTop().put(hashable(k), value);
            }
            case Opcodes.EMPTY_SET, Opcodes.ADDITEMS, Opcodes.FROZENSET -> throw format(
                    "it holds a Python set, which a CIFAR-10 batch never does");
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    /** The constructor for an allowed global; refuses everything else by name. */
    private IObjectConstructor global(String module, String name) throws DatasetFormatException {
        String qualified = module + "." + name;
        return switch (qualified) {
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct" -> reconstruct;
            case "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer" -> frombuffer;
            case "numpy.ndarray" -> ndarray;
            case "numpy.dtype" -> dtype;
            case "_codecs.encode" -> encode;
            default -> throw refused(qualified);
        };
    }

    /** {@code BUILD}: only arrays and dtypes made by the allowed constructors may be given a state. */
    private void build() throws DatasetFormatException {
        Object state = stack.pop();
        Object target = stack.peek();
        String problem;
        if (target instanceof PickledArray) {
            problem = ((PickledArray) target).setState(state);
        } else if (target instanceof PickledDType) {
            problem = ((PickledDType) target).setState(state);
        } else {
            problem = "a BUILD opcode sets the state of a " + pythonType(target)
                    + ", but only numpy arrays and dtypes may be built";
        }
        if (problem != null) {
            throw format(problem);
        }
    }

    /** A Python 2 {@code str} (BINSTRING, SHORT_BINSTRING): kept as bytes. */
    private byte[] readCounted(int width) throws IOException {
        long n = checkLength(width);
        PickleUtils.readbytes(input, width);
        return PickleUtils.readbytes(input, (int) n);
    }

    /** Reads (without consuming) a little-endian length field and checks it against the remaining bytes. */
    private long checkLength(int width) throws IOException {
        bytes.mark(width);
        byte[] b = bytes.readNBytes(width);
        bytes.reset();
        if (b.length < width) {
            throw format("it ends inside a length field at byte " + offset());
        }
        long n = 0;
        for (int i = width - 1; i >= 0; i--) {
            n = n << 8 | (b[i] & 0xff);
        }
        if (width == 4) {
            n = (int) n;
        }
        long remaining = bytes.available() - (long) width;
        if (n < 0 || n > remaining) {
            throw format("a length field at byte " + offset() + " claims " + n + " bytes but only " + remaining
                    + " remain");
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictOnTop() throws DatasetFormatException {
        Object top = stack.peek();
        if (!(top instanceof Map)) {
            throw format("a SETITEM opcode adds to a " + pythonType(top) + ", not to a dict");
        }
        return (Map<Object, Object>) top;
    }

    private Map<Object, Object> putAll(Map<Object, Object> dict, List<Object> items) throws DatasetFormatException {
        if (items.size() % 2 != 0) {
            throw format("a dict is built from an odd number of keys and values");
        }
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(hashable(items.get(i)), items.get(i + 1));
        }
        return dict;
    }

    /** A dict key as Python 2 would accept it, with byte strings turned into text (as {@code encoding='latin1'}). */
    private Object hashable(Object k) throws DatasetFormatException {
        if (k instanceof byte[]) {
            return text(k);
        }
        if (k == null || k instanceof String || k instanceof Number || k instanceof Boolean || k instanceof Object[]) {
            return k;
        }
        throw format("a dict key is a " + pythonType(k) + ", which Python cannot hash");
    }

    /** {@code o} as text if it is a byte string (read as Latin-1, as cs231n's {@code encoding='latin1'}) or a string. */
    static String text(Object o) {
        if (o instanceof String) {
            return (String) o;
        }
        return o instanceof byte[] ? new String((byte[]) o, StandardCharsets.ISO_8859_1) : null;
    }

    private long offset() {
        return bytes == null ? 0 : length - bytes.available();
    }

    private DatasetFormatException format(String problem) {
        return new DatasetFormatException(source, problem);
    }

    private DatasetFormatException refused(String global) {
        return format("it refers to the Python global " + global
                + ", which a CIFAR-10 batch never needs, so it was refused and nothing in it was run ("
                + ALLOWED_TEXT + ")");
    }

    /** The Python name of the type {@code o} stands for, for messages. */
    static String pythonType(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        if (o instanceof IObjectConstructor) {
            return "callable";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Number) {
            return o instanceof Double ? "float" : "int";
        }
        if (o instanceof String || o instanceof byte[]) {
            return "str";
        }
        return o.getClass().getSimpleName();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    // ---------------------------------------------------------------- the three allowed globals

    /** {@code numpy.ndarray}: may only be passed to {@code _reconstruct}, never called. */
    private final IObjectConstructor ndarray = args -> {
        throw new Refused(format("numpy.ndarray is called directly, but a pickled array passes it to _reconstruct"));
    };

    /** {@code numpy.core.multiarray._reconstruct(numpy.ndarray, shape, typecode)}: an empty array awaiting BUILD. */
    private final IObjectConstructor reconstruct = args -> {
        if (args.length != 3 || args[0] != ndarray) {
            throw new Refused(
                    format("_reconstruct is called with other arguments than (numpy.ndarray, shape, typecode)"));
        }
        return new PickledArray();
    };

    /**
     * {@code numpy[._]core.numeric._frombuffer(buffer, dtype, shape, order)}: how NumPy pickles a contiguous
     * array with protocol 5, the data an in-band bytearray (or bytes).
     */
    private final IObjectConstructor frombuffer = args -> {
        String order = args.length == 4 ? text(args[3]) : null;
        if (order == null || !(order.equals("C") || order.equals("F")) || !(args[0] instanceof byte[])) {
            throw new Refused(
                    format("_frombuffer is called with other arguments than (buffer, dtype, shape, 'C' or 'F')"));
        }
        PickledArray a = new PickledArray();
        String problem = a.set(args[2], args[1], order.equals("F"), args[0]);
        if (problem != null) {
            throw new Refused(format(problem));
        }
        return a;
    };

    /** {@code _codecs.encode(str, 'latin1')}: the bytes Python 3 writes this way in protocol 2. */
    private final IObjectConstructor encode = args -> {
        if (args.length != 2 || !(args[0] instanceof String) || !"latin1".equals(args[1])) {
            throw new Refused(format("_codecs.encode is called with other arguments than (str, 'latin1')"));
        }
        String s = (String) args[0];
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                throw new Refused(format("_codecs.encode is given a str with characters beyond Latin-1, which Python"
                        + " cannot encode as latin1"));
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    };

    /** {@code numpy.dtype(name, align, copy)}: a dtype awaiting BUILD. */
    private final IObjectConstructor dtype = args -> {
        String name = args.length == 3 ? text(args[0]) : null;
        if (name == null || !PickledDType.isSimpleName(name)) {
            throw new Refused(
                    format("numpy.dtype is called with other arguments than a simple type name such as 'u1'"));
        }
        return new PickledDType(name);
    };

    /** Carries a {@link DatasetFormatException} out of razorvine code that may only throw unchecked exceptions. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient DatasetFormatException exception;

        Refused(DatasetFormatException exception) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
        }
    }
}
