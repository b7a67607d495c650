package org.backprop4j.tune.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.backprop4j.datasets.image.PixelLayout;
import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.datasets.DataSplits;
import org.backprop4j.datasets.DatasetSpec;
import org.backprop4j.datasets.Datasets;
import org.backprop4j.datasets.LoadOptions;
import org.backprop4j.matrix.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The broadcast copy of the data, serialized and rebuilt on a backend, is the driver's data value for value:
 * every split's rows and labels, the class names, the image geometry, the rows' pixel order and the description; float32 data travel
 * as floats, in about half the bytes.
 */
class ShippedDataTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void theRebuiltDataAreTheDriversData(DType dtype) throws Exception {
        Backend b = Backends.select();
        DataSplits d = Datasets.load(DatasetSpec.DEFAULT, b, LoadOptions.DEFAULTS.withDType(dtype).withNumTrain(300)
                .withRowLayout(PixelLayout.CHW));
        byte[] bytes = serialize(ShippedData.of(d));
        DataSplits back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            back = ((ShippedData) in.readObject()).on(b);
        }
        assertArrayEquals(d.xTrain().toArray(), back.xTrain().toArray());
        assertArrayEquals(d.xVal().toArray(), back.xVal().toArray());
        assertArrayEquals(d.xTest().toArray(), back.xTest().toArray());
        assertArrayEquals(d.yTrain(), back.yTrain());
        assertArrayEquals(d.yVal(), back.yVal());
        assertArrayEquals(d.yTest(), back.yTest());
        assertEquals(dtype, back.xTrain().dtype());
        assertEquals(d.classNames(), back.classNames());
        assertEquals(d.geometry(), back.geometry());
        assertEquals(d.description(), back.description());
        assertEquals(PixelLayout.CHW, back.rowLayout(), "a cnn's rows stay CHW on the executors");
        long values = (long) (d.train().size() + d.val().size() + d.xTest().rows()) * d.inputSize();
        long perValue = dtype == DType.FLOAT32 ? 4 : 8;
        assertTrue(bytes.length < values * perValue * 1.1 && bytes.length > values * perValue,
                bytes.length + " bytes for " + values + " values of " + dtype);
    }

    private static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
