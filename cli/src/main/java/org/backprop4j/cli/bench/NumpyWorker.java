package org.backprop4j.cli.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.backprop4j.matrix.DType;

/**
 * One {@code python3 numpy_bench.py worker} process, kept alive for a whole {@code bench} run so that
 * its samples can alternate with the Java samples: commands go to its standard input, one JSON object
 * a line, and each reply comes back as one line (see {@link WorkerReply}). The worker times its own
 * loop with {@code perf_counter_ns}, so the round trip is not part of a sample.
 */
final class NumpyWorker implements AutoCloseable {

    /** How long a starting worker may take to import NumPy and greet. */
    static final Duration GREETING_TIMEOUT = Duration.ofSeconds(60);

    /** The worker could not start, or NumPy is missing: {@link #getMessage()} is one sentence for the table. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One command ({@code op}: setup, time, grads, product, outputs, quit); absent fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Command(String op, String task, String id, String dtype, Integer ops, Object spec) {
    }

    private static final ObjectWriter COMMANDS = BenchJson.SNAKE.writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    private final NumpyScript script;
    private final Process process;
    private final BufferedWriter commands;
    private final BufferedReader replies;
    private final Path stderr;
    private final WorkerReply.Greeting greeting;
    private final int threads;

    private NumpyWorker(NumpyScript script, Process process, Path stderr, int threads) throws Unavailable {
        this.script = script;
        this.process = process;
        this.stderr = stderr;
        this.threads = threads;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.greeting = readGreeting();
    }

    /**
     * Starts {@code python} on the extracted script with {@code threads} BLAS threads.
     *
     * @throws Unavailable if the program cannot run, NumPy cannot be imported or the worker does not greet
     */
    static NumpyWorker start(String python, int threads) throws Unavailable {
        return start(python, threads, NumpyScript.FILES);
    }

    /**
     * Starts {@code python} on the worker of {@code files} (the script first, then what it imports), e.g.
     * {@link NumpyScript#CONV_FILES}.
     *
     * @throws Unavailable if the program cannot run, NumPy cannot be imported or the worker does not greet
     */
    static NumpyWorker start(String python, int threads, List<String> files) throws Unavailable {
        NumpyScript script;
        try {
            script = NumpyScript.extract(files);
        } catch (IOException e) {
            throw new Unavailable("the NumPy script could not be unpacked: " + e.getMessage(), e);
        }
        Path err = script.dir().resolve("worker-stderr.txt");
        Process p;
        try {
            p = script.command(python, threads, "worker").redirectError(err.toFile()).start();
        } catch (IOException e) {
            script.close();
            throw new Unavailable("cannot run " + python + " (" + rootMessage(e) + ")", e);
        }
        try {
            return new NumpyWorker(script, p, err, threads);
        } catch (Unavailable | RuntimeException e) {
            p.destroyForcibly();
            waitQuietly(p);
            script.close();
            throw e;
        }
    }

    private WorkerReply.Greeting readGreeting() throws Unavailable {
        String line;
        try {
            line = CompletableFuture.supplyAsync(this::readLine).get(GREETING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new Unavailable("the NumPy worker did not start within " + GREETING_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new Unavailable("the NumPy worker could not be read (" + rootMessage(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while the NumPy worker started", e);
        }
        if (line == null) {
            waitQuietly(process);
            throw new Unavailable("the NumPy worker ended before it greeted (exit code " + process.exitValue()
                    + lastErrorLine() + ")", null);
        }
        try {
            return WorkerReply.greeting(WorkerReply.parse(line));
        } catch (WorkerReply.WorkerException e) {
            throw new Unavailable(e.getMessage(), e);
        }
    }

    /** The versions the worker reported. */
    WorkerReply.Greeting greeting() {
        return greeting;
    }

    /** The thread count the worker was started with. */
    int threads() {
        return threads;
    }

    /** Sends the workload; every later command refers to it. */
    void setup(BenchWorkload workload) {
        setup(workload.toPython());
    }

    /** Sends a workload spec (a record, serialised in snake case); every later command refers to it. */
    void setup(Object spec) {
        request(new Command("setup", null, null, null, null, spec));
    }

    /** One sample: nanoseconds for {@code ops} runs of a task ({@code product} with its id, {@code iteration}, {@code fc_iteration}). */
    long time(String task, String productId, DType dtype, int ops) {
        return WorkerReply.nanos(request(new Command("time", task, productId, dtype.numpyName(), ops, null)));
    }

    /** Loss and gradients of {@code iteration} or {@code fc_iteration} on fresh data, before any step. */
    WorkerReply.LossGrads grads(String task, DType dtype) {
        return WorkerReply.lossGrads(request(new Command("grads", task, null, dtype.numpyName(), null, null)));
    }

    /** The output of one product on its fresh operands. */
    WorkerReply.Array product(String productId, DType dtype) {
        return WorkerReply.array(request(new Command("product", null, productId, dtype.numpyName(), null, null)),
                "out");
    }

    /** {@code numpy_conv_bench.py}'s results of one task on its inputs, by name ({@code out}, or {@code dx, dw, db}). */
    Map<String, WorkerReply.Array> outputs(String task, DType dtype) {
        JsonNode reply = request(new Command("outputs", task, null, dtype.numpyName(), null, null));
        JsonNode outputs = reply.get("outputs");
        if (outputs == null || !outputs.isObject()) {
            throw new WorkerReply.WorkerException("the NumPy worker's outputs reply has no \"outputs\" object.");
        }
        Map<String, WorkerReply.Array> out = new LinkedHashMap<>();
        outputs.fieldNames().forEachRemaining(name -> out.put(name, WorkerReply.array(outputs, name)));
        return out;
    }

    private JsonNode request(Command command) {
        try {
            commands.write(COMMANDS.writeValueAsString(command));
            commands.newLine();
            commands.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a command for the NumPy worker: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WorkerReply.WorkerException("the NumPy worker stopped reading commands (" + e.getMessage()
                    + lastErrorLine() + ").");
        }
        try {
            return WorkerReply.parse(readLine());
        } catch (WorkerReply.WorkerException e) {
            throw new WorkerReply.WorkerException("NumPy worker, command '" + command.op() + "': " + e.getMessage()
                    + (process.isAlive() ? "" : lastErrorLine()));
        }
    }

    private String readLine() {
        try {
            return replies.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String lastErrorLine() {
        try {
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : "; it said: " + lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Asks the worker to quit, waits a moment, then ends it for sure and removes the script folder. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                commands.write("{\"op\": \"quit\"}");
                commands.newLine();
                commands.flush();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            waitQuietly(process);
            script.close();
        }
    }

    private static void waitQuietly(Process p) {
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
