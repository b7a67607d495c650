package org.backprop4j.tune.spark;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.backprop4j.cli.Main;

/** Runs {@code backprop4j} in this JVM, as cli's own tests do, keeping what it printed. */
final class Cli {

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
        String both() {
            return out + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
