package org.backprop4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.common.Json;

/** Runs the program in-process, as the shell would, and keeps what it printed (for the command tests). */
public final class CliRun {

    private CliRun() {
    }

    /** What one run printed and returned. */
    public record Result(int code, String out, String err) {
        /** The lines of standard error. */
        public List<String> errLines() {
            return err.isBlank() ? List.of() : List.of(err.strip().split("\\R"));
        }

        /** Both streams, for assertion messages. */
        public String both() {
            return out + err;
        }
    }

    /** Runs {@code backprop4j args...}. */
    public static Result run(String... args) {
        return run(new StringWriter(), args);
    }

    /** Runs with standard output going to {@code out} as well as into the result. */
    public static Result run(Writer out, String... args) {
        StringWriter copy = new StringWriter();
        StringWriter err = new StringWriter();
        Writer tee = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                copy.write(buf, off, len);
                out.write(buf, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() {
            }
        };
        int code = Main.run(args, new PrintWriter(tee, true), new PrintWriter(err, true));
        return new Result(code, copy.toString(), err.toString());
    }

    /** A JSON file. */
    public static JsonNode json(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile());
    }
}
