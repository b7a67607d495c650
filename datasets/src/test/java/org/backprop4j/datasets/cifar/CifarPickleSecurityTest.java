package org.backprop4j.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.backprop4j.datasets.io.DatasetFormatException;
import org.backprop4j.datasets.io.UntrustedInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile pickles: every global outside the allow-list is refused by name, whichever opcode names it,
 * including the ones razorvine itself would have answered; malformed stack programs, huge length
 * fields and self-referencing containers fail as format errors.
 */
class CifarPickleSecurityTest {

    @TempDir
    Path dir;

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String) {
                out.writeBytes(((String) p).getBytes(StandardCharsets.ISO_8859_1));
            } else if (p instanceof Integer) {
                out.write((Integer) p);
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    private static DatasetFormatException refused(byte[] pickle) {
        return assertThrows(DatasetFormatException.class,
                () -> CifarPythonReader.read(UntrustedInput.of("evil_batch", pickle)));
    }

    private static void assertRefusesGlobal(byte[] pickle, String global) {
        String m = refused(pickle).getMessage();
        assertTrue(m.startsWith("Cannot read evil_batch: it refers to the Python global " + global + ", "), m);
        assertTrue(m.contains("nothing in it was run"), m);
    }

    @Test
    void osSystemIsRefusedAndNotRun() {
        Path marker = dir.resolve("pwned");
        byte[] p0 = bytes("cos\nsystem\n(S'touch " + marker + "'\ntR.");
        assertRefusesGlobal(p0, "os.system");
        byte[] p2 = bytes(0x80, 2, "cposix\nsystem\nq\u0000U\u0002idq\u0001\u0085R.");
        assertRefusesGlobal(p2, "posix.system");
        assertFalse(Files.exists(marker));
    }

    @Test
    void stackGlobalEvalIsRefused() {
        // protocol 4: SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL, ... REDUCE
        byte[] p = bytes(0x80, 4, 0x8c, 8, "builtins", 0x8c, 4, "eval", 0x93, 0x8c, 7, "1+1==2 ", 0x85, "R.");
        assertRefusesGlobal(p, "builtins.eval");
    }

    @Test
    void instOpcodeIsRefused() {
        assertRefusesGlobal(bytes("(S'ls'\nisubprocess\nPopen\n."), "subprocess.Popen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy_reg\n_reconstructor", "__builtin__\nset", "datetime\ndatetime", "decimal\nDecimal",
            "exceptions\nException", "builtins\nbytearray", "numpy\nload", "pickle\nloads", "operator\nattrgetter",
            "_codecs\ndecode", "codecs\nencode", "numpy._core.multiarray\nscalar", "numpy.core.multiarray\nscalar",
            "numpy\nfrombuffer", "numpy._core.numeric\nfrombuffer", "numpy._core\n_reconstruct", "__builtin__\nbytes"})
    void globalsRazorvineWouldAnswerAreRefusedToo(String global) {
        assertRefusesGlobal(bytes(0x80, 2, "c" + global + "\n)R."), global.replace('\n', '.'));
    }

    @Test
    void allowedGlobalsUsedWronglyAreRefused() {
        String m = refused(bytes(0x80, 2, "cnumpy\nndarray\n)R.")).getMessage();
        assertTrue(m.contains("numpy.ndarray is called directly"), m);
        m = refused(bytes(0x80, 2, "cnumpy\ndtype\nU\u0001O\u0089\u0088\u0087R.")).getMessage();
        assertTrue(m.contains("simple type name"), m);
        m = refused(bytes(0x80, 2, "}(U\u0001ab.")).getMessage();
        assertTrue(m.contains("only numpy arrays and dtypes may be built"), m);
        for (String reconstruct : new String[] {"numpy.core.multiarray", "numpy._core.multiarray"}) {
            m = refused(bytes(0x80, 2, "c" + reconstruct + "\n_reconstruct\n)R.")).getMessage();
            assertTrue(m.contains("_reconstruct is called with other arguments"), m);
        }
        for (String numeric : new String[] {"numpy.core.numeric", "numpy._core.numeric"}) {
            m = refused(bytes(0x80, 2, "c" + numeric + "\n_frombuffer\n)R.")).getMessage();
            assertTrue(m.contains("_frombuffer is called with other arguments"), m);
        }
        m = refused(bytes(0x80, 2, "c_codecs\nencode\n)R.")).getMessage();
        assertTrue(m.contains("_codecs.encode is called with other arguments"), m);
    }

    @Test
    void hugeLengthFieldsFailBeforeAllocating() {
        for (int op : new int[] {'T', 'B', 'X', 0x8a + 1}) {
            String m = refused(bytes(0x80, 2, op, 0xff, 0xff, 0xff, 0x7f, "abc")).getMessage();
            assertTrue(m.contains("claims 2147483647 bytes but only 3 remain"), m);
        }
        String m = refused(bytes(0x80, 4, 0x8e, 0, 0, 0, 0, 0, 0, 0, 0x40, "x")).getMessage();
        assertTrue(m.contains("claims"), m);
        m = refused(bytes(0x80, 2, (int) 'T', 0xff, 0xff, 0xff, 0xff, "x")).getMessage();
        assertTrue(m.contains("claims -1 bytes"), m);
    }

    @Test
    void selfReferencingListAsDictKeyFailsCleanly() {
        // l = []; l.append(l); {l: 1}
        String m = refused(bytes(0x80, 2, "}]q\u0000h\u0000aK\u0001s.")).getMessage();
        assertTrue(m.contains("Python cannot hash"), m);
    }

    @Test
    void malformedStackProgramsAreFormatErrors() {
        for (byte[] p : new byte[][] {bytes("."), bytes("R."), bytes(0x80, 2, "K\u0001K\u0002R."), bytes("(t0000."),
                bytes(0x80, 9), bytes("\u00ff"), bytes(0x80, 2, "h\u0005."), bytes(0x80, 2, "(K\u0001d."),
                bytes("I12x\n.")}) {
            String m = refused(p).getMessage();
            assertTrue(m.startsWith("Cannot read evil_batch: "), m);
        }
    }

    @Test
    void wrongContentsAreNamed() {
        assertEquals("Cannot read evil_batch: its pickle holds a list, not the dict of a CIFAR-10 batch.",
                refused(bytes(0x80, 2, "].")).getMessage());
        assertEquals("Cannot read evil_batch: its dict has no numpy array under 'data'.",
                refused(bytes(0x80, 2, "}.")).getMessage());
    }
}
