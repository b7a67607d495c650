package org.backprop4j.tune.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for the tests: a Master and Workers started from the module's
 * third-party jars ({@code target/spark-jars} as {@code SPARK_HOME/jars}, {@code SPARK_SCALA_VERSION=2.13}, no
 * Spark distribution), on free ports, with {@code spark.authenticate} and a fresh secret. {@link #close} stops
 * every process it started (their children, the executors, with them).
 */
final class TestCluster implements AutoCloseable {

    private static final Path SPARK_JARS = Path.of("target", "spark-jars").toAbsolutePath();

    private final Path home;
    private final Path logs;
    private final Path daemonConf;
    private final String secret = UUID.randomUUID().toString();
    private final int masterPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    /** Starts a Master and {@code workers} Workers of one core each, and waits until they are registered. */
    TestCluster(Path dir, int workerCount) throws Exception {
        home = Files.createDirectories(dir.resolve("spark-home"));
        logs = Files.createDirectories(dir.resolve("logs"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> s = Files.list(SPARK_JARS)) {
            for (Path j : (Iterable<Path>) s::iterator) {
                Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
            }
        }
        daemonConf = home.resolve("daemon.conf");
        Files.writeString(daemonConf, "spark.authenticate true\nspark.authenticate.secret " + secret + "\n");
        Files.setPosixFilePermissions(daemonConf, PosixFilePermissions.fromString("rw-------"));
        masterPort = freePort();
        try {
            processes.add(daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()), "--properties-file",
                    daemonConf.toString()));
            awaitPort(masterPort);
            for (int i = 0; i < workerCount; i++) {
                addWorker();
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Starts one more Worker of one core and waits until the Master has it. */
    Process addWorker() throws Exception {
        String name = "worker-" + workers.size();
        Process w = daemon(name, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port",
                Integer.toString(freePort()), "--cores", "1", "--memory", "1g", "--work-dir",
                Files.createDirectories(home.resolve("work").resolve(name)).toString(), "--properties-file",
                daemonConf.toString(), master());
        processes.add(w);
        workers.add(w);
        awaitLog(logs.resolve(name + ".log"), "Successfully registered with master");
        return w;
    }

    /** The Workers, in the order they were started. */
    List<Process> workers() {
        return workers;
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String master() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** A file holding the cluster's secret, for {@value SparkSecret#FILE_VARIABLE}. */
    Path secretFile(Path dir, String text) throws IOException {
        Path f = dir.resolve("secret-" + UUID.randomUUID());
        Files.writeString(f, text + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /** The secret. */
    String secret() {
        return secret;
    }

    /** The logs of the Master and Workers, for assertion messages. */
    String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(logs)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                List<String> lines = Files.readAllLines(p);
                sb.append("== ").append(p.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        }
        return sb.toString();
    }

    private Process daemon(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", home.resolve("jars") + File.separator
                + "*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOG_DIR", logs.toString());
        return pb.start();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Spark master did not open port " + port, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitLog(Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(log) || !Files.readString(log).contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(log + " never said '" + line + "':\n" + logs());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Stops every process started, children first, and the executors of killed Workers (which no longer
     * descend from them: they are known by this cluster's SPARK_HOME on their command line).
     */
    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains(home.toString()))
                .orElse(false)).forEach(ProcessHandle::destroyForcibly);
        for (Process p : processes) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
