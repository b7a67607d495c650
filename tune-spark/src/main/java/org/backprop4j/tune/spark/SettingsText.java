package org.backprop4j.tune.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.backprop4j.cli.train.Format;
import org.backprop4j.cli.train.TrainSettings;

/**
 * A trial's {@link TrainSettings} as the text of its options, the form in which they travel to an executor
 * (Java serialization; a {@link Path} does not serialize): every set option's value as it would be typed, the
 * options the user typed, as typed, and the data as run.json records it (its location absolute, so it names
 * the same data on the executor's side).
 *
 * @param values every option's value but the output options
 * @param typed  the options the user gave, as typed (messages quote them)
 */
record SettingsText(Map<String, String> values, Map<String, String> typed) implements Serializable {

    /** Output options: the executor writes into a folder of its own. */
    private static final Set<String> OUTPUT = Set.of("--out", "--history-out", "--resume");

    static SettingsText of(TrainSettings s) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String option : TrainSettings.OPTIONS.stream().sorted().toList()) {
            Object v = s.get(option);
            if (v != null && !OUTPUT.contains(option)) {
                values.put(option, Format.value(v));
            }
        }
        return new SettingsText(values, new LinkedHashMap<>(s.typed()));
    }

    /** The settings again, writing into {@code out}. */
    TrainSettings toSettings(Path out) {
        TrainSettings.Builder b = TrainSettings.builder();
        typed.forEach(b::given);
        b.dataDefaults(); // remembers which options took the data set's defaults, as the driver's did
        values.forEach(b::set);
        return b.build().toBuilder().out(out).build();
    }
}
