package org.backprop4j.tune.spark;

import java.util.regex.Pattern;

import org.backprop4j.cli.common.UserError;

/**
 * The {@code --spark} master: {@code local[*]}, {@code local[N]} (also {@code local} and Spark's
 * {@code local[N,F]}, F attempts per task), or a standalone cluster's {@code spark://HOST:PORT}.
 *
 * @param url the master URL as Spark takes it
 */
record SparkMaster(String url) {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^\\s/:,]+:[0-9]{1,5}(,[^\\s/:,]+:[0-9]{1,5})*");

    /** @throws UserError naming {@code --spark} and the forms it takes */
    static SparkMaster parse(String text) {
        String t = text.strip();
        if (!LOCAL.matcher(t).matches() && !STANDALONE.matcher(t).matches()) {
            throw new UserError("--spark takes local[*], local[N] or spark://HOST:PORT, got '" + text + "'.");
        }
        return new SparkMaster(t);
    }

    /** Whether the trials run inside this JVM. */
    boolean local() {
        return url.startsWith("local");
    }

    /** Whether every master of a cluster URL is on this machine's loopback. */
    boolean loopback() {
        if (local()) {
            return true;
        }
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                return false;
            }
        }
        return true;
    }
}
