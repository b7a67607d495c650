package org.backprop4j.tune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;

import org.backprop4j.cli.train.TrainSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A trial's settings survive the trip to an executor: serialized and rebuilt, they equal the driver's. */
class SettingsTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"--model;fc;--hidden;30,20;--batchnorm;true;--dropout;0.5",
            "--update;adam;--beta1;0.8;--lr;3.1e-4;--dtype;float32",
            "--update;rmsprop;--decay-rate;0.9;--num-train;500;--seed;4294967295",
            "--model;mlp;--activation;sigmoid;--weight-scale;0.123456789;--reg;1e-7"})
    void rebuiltSettingsEqualTheOriginal(String o1, String v1, String o2, String v2, String o3, String v3,
            String o4, String v4) throws Exception {
        TrainSettings s = TrainSettings.builder().given(o1, v1).given(o2, v2).given(o3, v3).given(o4, v4)
                .dataDefaults().build().toBuilder().lr(0.1 / 3).quiet(true).out(Path.of("search", "trial-003"))
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SettingsText.of(s));
        }
        SettingsText back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SettingsText) in.readObject();
        }
        assertEquals(s, back.toSettings(Path.of("search", "trial-003")));
    }
}
