package org.backprop4j.datasets.cifar;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle opcodes for the tests, so that a test can make the pickles Python 3 writes (and broken
 * variants of them) without Python. Each method appends one opcode, as {@code pickletools.dis} lists them.
 */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter proto(int version) {
        return op(0x80).raw(version);
    }

    /** {@code GLOBAL 'module name'} (protocols 0 to 3). */
    PickleWriter global(String module, String name) {
        return op('c').text(module + "\n" + name + "\n");
    }

    /** {@code SHORT_BINUNICODE} (protocol 4 and up). */
    PickleWriter shortUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op(0x8c).raw(b.length).raw(b);
    }

    /** {@code STACK_GLOBAL}: module and name from the stack. */
    PickleWriter stackGlobal() {
        return op(0x93);
    }

    /** {@code BINUNICODE}: a str, UTF-8 with a 4-byte length. */
    PickleWriter unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op('X').int32(b.length).raw(b);
    }

    /** {@code BINBYTES}: a bytes object with a 4-byte length. */
    PickleWriter bytes(byte[] b) {
        return op('B').int32(b.length).raw(b);
    }

    /** {@code BYTEARRAY8}: an in-band bytearray (protocol 5). */
    PickleWriter bytearray8(byte[] b) {
        op(0x96);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(b.length).array());
        return raw(b);
    }

    /** {@code BININT1} or {@code BININT2}. */
    PickleWriter smallInt(int v) {
        return v < 256 ? op('K').raw(v) : op('M').raw(v & 0xff).raw(v >>> 8);
    }

    PickleWriter none() {
        return op('N');
    }

    PickleWriter bool(boolean v) {
        return op(v ? 0x88 : 0x89);
    }

    PickleWriter mark() {
        return op('(');
    }

    /** {@code TUPLE}: everything since the mark. */
    PickleWriter tuple() {
        return op('t');
    }

    PickleWriter tuple1() {
        return op(0x85);
    }

    PickleWriter tuple2() {
        return op(0x86);
    }

    PickleWriter tuple3() {
        return op(0x87);
    }

    PickleWriter reduce() {
        return op('R');
    }

    PickleWriter build() {
        return op('b');
    }

    PickleWriter emptyDict() {
        return op('}');
    }

    PickleWriter emptyList() {
        return op(']');
    }

    /** {@code APPENDS}: everything since the mark, to the list below it. */
    PickleWriter appends() {
        return op('e');
    }

    /** {@code SETITEMS}: the key-value pairs since the mark, into the dict below it. */
    PickleWriter setItems() {
        return op('u');
    }

    /** {@code _codecs.encode(s, encoding)}, as Python 3 writes bytes in protocol 2. */
    PickleWriter codecsEncode(String s, String encoding) {
        return global("_codecs", "encode").unicode(s).unicode(encoding).tuple2().reduce();
    }

    /** {@code numpy.dtype('u1', False, True)} with its BUILD state, as NumPy writes it. */
    PickleWriter uint8DType(boolean stackGlobal) {
        if (stackGlobal) {
            shortUnicode("numpy").shortUnicode("dtype").stackGlobal();
        } else {
            global("numpy", "dtype");
        }
        unicode("u1").bool(false).bool(true).tuple3().reduce();
        return mark().smallInt(3).unicode("|").none().none().none().op('J').int32(-1).op('J').int32(-1).smallInt(0)
                .tuple().build();
    }

    /** {@code STOP}, and the bytes. */
    byte[] stop() {
        op('.');
        return out.toByteArray();
    }

    private PickleWriter op(int code) {
        out.write(code);
        return this;
    }

    private PickleWriter raw(int b) {
        out.write(b);
        return this;
    }

    private PickleWriter raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    private PickleWriter text(String s) {
        return raw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private PickleWriter int32(int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }
}
