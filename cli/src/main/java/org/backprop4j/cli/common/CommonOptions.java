package org.backprop4j.cli.common;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {

    /** Print stack traces of errors. */
    @Option(names = "--debug", description = "Show the stack trace of an error.")
    public boolean debug;
}
