package org.backprop4j.tune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.backprop4j.cli.tune.TuneExecutor;
import org.junit.jupiter.api.Test;

/**
 * A local master listens on loopback only: every listening TCP socket this JVM holds while a {@code local[2]}
 * context is up is bound to 127.0.0.1 or ::1 (read from Linux's {@code /proc}).
 */
class LoopbackTest {

    private static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
            "0000000000000000FFFF00000100007F");

    @Test
    void aLocalMasterListensOnLoopbackOnly() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")), "no /proc/net: not Linux");
        Set<String> before = new HashSet<>(listening());
        try (TuneExecutor e = new SparkTuneExecutorFactory().connect("local[2]", Map.of(),
                new PrintWriter(new StringWriter()))) {
            List<String> now = listening();
            now.removeAll(before);
            assertFalse(now.isEmpty(), "the context listens (its block manager and RPC)");
            for (String address : now) {
                assertEquals(true, LOOPBACK.contains(address.substring(0, address.indexOf(':'))),
                        "listening on " + address + " (hex, as /proc/net/tcp writes it): " + now);
            }
        }
    }

    /** The local addresses of this process's listening sockets, as /proc/net/tcp and tcp6 write them. */
    private static List<String> listening() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.strip().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    addresses.add(f[1]);
                }
            }
        }
        return addresses;
    }
}
