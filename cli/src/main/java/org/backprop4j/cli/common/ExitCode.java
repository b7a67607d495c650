package org.backprop4j.cli.common;

/** The program's exit codes. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** Anything unexpected. */
    public static final int FAILURE = 1;
    /** Bad usage or bad data: a wrong option, an unknown backend, a corrupt file. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
