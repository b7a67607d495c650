package org.backprop4j.cli.dashboard;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;

import org.backprop4j.cli.common.UserError;

import picocli.CommandLine.Option;

/**
 * The dashboard options of {@code train} and {@code tune}. They change no number of a run, so they are not among
 * its settings (nor in its checkpoints): the command opens the dashboard around the run.
 */
public final class DashboardOptions {

    /** The address the dashboard listens on unless {@code --dashboard-host} says otherwise: loopback only. */
    public static final String LOOPBACK = "127.0.0.1";

    @Option(names = "--dashboard", description = "Serve a live dashboard of the run (loss, accuracies, update "
            + "ratios, activations, first-layer weights, options, ETA) on http://127.0.0.1:PORT/; the address is "
            + "printed at the start. It stops when the run ends.")
    boolean dashboard;

    @Option(names = "--dashboard-port", paramLabel = "N", defaultValue = "0", description = "The dashboard's port; "
            + "0 = a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dashboard-host", paramLabel = "H", defaultValue = LOOPBACK, description = "The address the "
            + "dashboard listens on (default: ${DEFAULT-VALUE}, this machine only). Anything else lets whoever can "
            + "reach the port see the run: there is no authentication.")
    String host;

    @Option(names = "--dashboard-keep", description = "Keep serving the dashboard after the run ends, until Ctrl-C.")
    boolean keep;

    /** Whether {@code --dashboard} was given. */
    public boolean enabled() {
        return dashboard;
    }

    /**
     * Checks the options, before any data is loaded.
     *
     * @throws UserError naming the option that does not fit
     */
    public void check() {
        String stray = dashboard
                ? null
                : keep
                        ? "--dashboard-keep"
                        : port != 0 ? "--dashboard-port" : !host.equals(LOOPBACK) ? "--dashboard-host" : null;
        if (stray != null) {
            throw new UserError(stray + " sets the dashboard of --dashboard, which this run has not.");
        }
        if (port < 0 || port > 65535) {
            throw new UserError("--dashboard-port must be in 0 .. 65535 (0 = any free port), got " + port + ".");
        }
    }

    /**
     * Starts serving {@code state} and prints its address in one line on {@code out}, with a warning when it is
     * reachable from other machines; null without {@code --dashboard}.
     */
    public DashboardServer open(DashboardState state, PrintWriter out) {
        if (!dashboard) {
            return null;
        }
        DashboardServer server = DashboardServer.start(state, host, port);
        out.println("dashboard: " + server.url() + (isLoopback()
                ? ""
                : "  (listening on " + host
                        + ": anyone who can reach this port sees the run; there is no authentication)"));
        out.flush();
        return server;
    }

    /**
     * After the run: stops {@code server}, or with {@code --dashboard-keep} says so and serves until the program
     * is interrupted (Ctrl-C ends the JVM; an interrupted thread stops the server and returns).
     */
    public void finish(DashboardServer server, PrintWriter out) {
        if (server == null) {
            return;
        }
        try {
            if (keep) {
                out.println("dashboard: still serving " + server.url() + "; press Ctrl-C to stop.");
                out.flush();
                new CountDownLatch(1).await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }

    private boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the server has refused it already
        }
    }
}
