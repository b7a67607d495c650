package org.backprop4j.cli.dashboard;

import static org.backprop4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard options of {@code train} and {@code tune}: the address printed first, the server stopped when the
 * run ends, the options that need {@code --dashboard} refused without it, a port in use refused in one sentence
 * before any data are loaded, and the ETA as the time per iteration so far extrapolates it.
 */
class DashboardCommandTest {

    private static final Pattern URL = Pattern.compile("^dashboard: http://127\\.0\\.0\\.1:(\\d+)/$",
            Pattern.MULTILINE);

    @Test
    void theAddressComesFirstAndTheServerStopsWhenTheRunEnds(@TempDir Path dir) throws IOException {
        CliRun.Result r = run("train", "--dashboard", "--num-train", "200", "--hidden", "8", "--epochs", "1",
                "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.OK, r.code(), r.both());
        Matcher m = URL.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(0, m.start(), "the first line, before the run's header: " + r.out());
        int port = Integer.parseInt(m.group(1));
        assertTrue(port > 0);
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "nothing listens on " + port + " once the run has ended");
        assertFalse(r.out().contains("still serving"), r.out());
    }

    @Test
    void theDashboardOptionsNeedTheDashboard() {
        for (List<String> args : List.of(List.of("train", "--dashboard-keep"),
                List.of("train", "--dashboard-port", "8080"), List.of("tune", "--dashboard-host", "0.0.0.0"))) {
            CliRun.Result r = run(args.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, r.code(), r.both());
            assertEquals(
                    List.of("error: " + args.get(1) + " sets the dashboard of --dashboard, which this run has not."),
                    r.errLines(), r.err());
        }
        CliRun.Result port = run("train", "--dashboard", "--dashboard-port", "70000");
        assertEquals(ExitCode.USAGE, port.code(), port.both());
        assertEquals(List.of("error: --dashboard-port must be in 0 .. 65535 (0 = any free port), got 70000."),
                port.errLines());
    }

    @Test
    void aPortInUseIsRefusedBeforeAnyDataAreLoaded(@TempDir Path dir) throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path out = dir.resolve("run");
            CliRun.Result r = run("train", "--dashboard", "--dashboard-port", Integer.toString(busy.getLocalPort()),
                    "--out", out.toString());
            assertEquals(ExitCode.USAGE, r.code(), r.both());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("error: the dashboard cannot listen on 127.0.0.1:" + busy.getLocalPort()),
                    r.err());
            assertTrue(r.err().contains("give another --dashboard-port"), r.err());
            assertFalse(r.out().contains("data:"), "no data loaded: " + r.out());
            assertFalse(Files.exists(out), "no run folder");
        }
    }

    @Test
    void theHelpNamesTheRiskOfAnotherHost() {
        for (String command : new String[] {"train", "tune"}) {
            String help = run(command, "--help").out().replaceAll("\\s+", " ");
            assertTrue(help.contains("--dashboard-host=H"), help);
            assertTrue(help.contains("whoever can reach the port see the run: there is no authentication"), help);
            assertTrue(help.contains("--dashboard-keep Keep serving the dashboard after the run ends, until Ctrl-C."),
                    help);
        }
    }

    @Test
    void theEtaExtrapolatesTheTimePerIterationSoFar() {
        RunState s = new RunState("train", Map.of());
        s.begin(0, 100, 0, 10, 10);
        s.loss(1, 2.3, 0, 0.5);
        assertEquals(0.5 * 99, (Double) s.json().get("eta_seconds"), 1e-12);
        s.loss(2, 2.2, 0, 1.0);
        assertEquals(0.5 * 98, (Double) s.json().get("eta_seconds"), 1e-12);
        // a resumed run: 50 iterations done before, 10 in 2 s since
        RunState resumed = new RunState("train", Map.of());
        resumed.begin(50, 100, 5, 10, 10);
        for (int i = 51; i <= 60; i++) {
            resumed.loss(i, 1.0, 5, 0.2 * (i - 50));
        }
        assertEquals(0.2 * 40, (Double) resumed.json().get("eta_seconds"), 1e-12);
        assertEquals(51, resumed.json().get("first_iteration"));
        resumed.status("finished", null);
        assertEquals(null, resumed.json().get("eta_seconds"), "no ETA once the run has ended");
    }
}
