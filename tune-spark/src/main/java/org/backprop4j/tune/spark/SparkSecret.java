package org.backprop4j.tune.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.backprop4j.cli.common.UserError;

/**
 * The secret of {@code spark.authenticate}, which a cluster's Master, Workers and this driver share: from the
 * environment variable {@value #VARIABLE}, or the file {@value #FILE_VARIABLE} names; never from the command
 * line, where other users of the machine read it ({@code ps}).
 */
final class SparkSecret {

    /** The secret itself. */
    static final String VARIABLE = "BACKPROP4J_SPARK_SECRET";
    /** A file holding the secret (its first line). */
    static final String FILE_VARIABLE = "BACKPROP4J_SPARK_SECRET_FILE";

    private SparkSecret() {
    }

    /** The secret, if the environment gives one. */
    static Optional<String> from(Map<String, String> env) {
        String s = env.get(VARIABLE);
        if (s != null && !s.isBlank()) {
            return Optional.of(s.strip());
        }
        String file = env.get(FILE_VARIABLE);
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(file.strip());
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new UserError(
                        FILE_VARIABLE + " names " + p + ", which is empty; put the cluster's secret in it.");
            }
            return Optional.of(text.lines().findFirst().orElseThrow().strip());
        } catch (IOException e) {
            throw new UserError(FILE_VARIABLE + " names " + p + ", which cannot be read (" + e.getMessage() + ").");
        }
    }
}
