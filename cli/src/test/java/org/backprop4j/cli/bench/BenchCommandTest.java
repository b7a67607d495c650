package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.backprop4j.backend.Backend;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.ErrorReporter;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code bench} command on tiny shapes: it parses, measures every cell, and reports bad options. */
class BenchCommandTest {

    private static final String[] TINY = {"--n", "3", "--d", "5", "--h", "4", "--c", "2", "--reps", "1",
            "--warmup", "0", "--budget", "0.05", "--settle", "0"};

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank()).collect(Collectors.toList());
        }
    }

    /** Runs {@code bench args} through {@link Main} once it registers the command, else standalone with Main's handlers. */
    static Result bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        int code;
        if (Main.commandLine(o, e).getSubcommands().containsKey("bench")) {
            List<String> all = new ArrayList<>();
            all.add("bench");
            all.addAll(Arrays.asList(args));
            code = Main.run(all.toArray(new String[0]), o, e);
        } else {
            CommandLine cl = new CommandLine(new BenchCommand());
            cl.setOut(o);
            cl.setErr(e);
            cl.setExecutionExceptionHandler(new ErrorReporter());
            cl.setParameterExceptionHandler((ex, a) -> {
                ex.getCommandLine().getErr().println("error: " + ex.getMessage());
                return ExitCode.USAGE;
            });
            code = cl.execute(args);
        }
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    @Test
    void jsonOnTinyShapesHasAPositiveNumberInEveryRequestedCell() throws Exception {
        Result r = bench(with(TINY, "--backend", "pure,naive", "--json"));
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode root = Json.mapper().readTree(r.out());

        assertEquals(3, root.path("shapes").path("N").asInt());
        assertEquals(5, root.path("shapes").path("D").asInt());
        assertEquals(4, root.path("shapes").path("H").asInt());
        assertEquals(2, root.path("shapes").path("C").asInt());
        assertFalse(root.path("jdk").path("version").asText().isEmpty());
        assertTrue(root.path("cores").asInt() >= 1);

        List<String> ids = new ArrayList<>();
        root.path("products").forEach(p -> ids.add(p.path("id").asText()));
        assertEquals(List.of("x_w1", "h_w2", "ds_w2t", "ht_ds", "dh_w1t", "xt_dh"), ids);

        JsonNode results = root.path("results");
        assertEquals(List.of("pure", "naive"), fieldNames(results), "in the order asked for");
        for (String backend : List.of("pure", "naive")) {
            assertEquals(List.of("float64", "float32"), fieldNames(results.path(backend)));
            for (String dtype : List.of("float64", "float32")) {
                JsonNode cell = results.path(backend).path(dtype);
                for (String id : ids) {
                    JsonNode p = cell.path("products").path(id);
                    String where = backend + " " + dtype + " " + id + ": " + p;
                    assertTrue(p.path("gflops_median").asDouble() > 0, where);
                    assertTrue(p.path("gflops_best").asDouble() > 0, where);
                    assertTrue(p.path("ms_median").asDouble() > 0, where);
                    assertTrue(p.path("ms_min").asDouble() > 0, where);
                    assertEquals(1, p.path("reps").asInt(), where);
                }
                JsonNode it = cell.path("iteration");
                assertTrue(it.path("ms_median").asDouble() > 0, backend + " " + dtype + " iteration: " + it);
                assertTrue(it.path("ms_min").asDouble() > 0, backend + " " + dtype + " iteration: " + it);
            }
        }
    }

    @Test
    void tableNamesTheJdkTheCoresAndEveryRow() {
        Result r = bench(with(TINY, "--backend", "naive", "--dtype", "f32"));
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("Java " + Runtime.version()), r.out());
        assertTrue(r.out().contains(Runtime.getRuntime().availableProcessors() + " cores"), r.out());
        assertTrue(r.out().contains("X·W1"), r.out());
        assertTrue(r.out().contains("ms/iter"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("naive    float32")), r.out());
        assertFalse(r.out().contains("float64"), "only the dtype asked for: " + r.out());
    }

    @Test
    void fcOptionAddsAFullyConnectedNetIteration() throws Exception {
        Result r = bench(with(TINY, "--backend", "pure", "--dtype", "float64", "--fc", "4,3", "--json"));
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode fc = Json.mapper().readTree(r.out()).get("results").get("pure").get("float64").get("fc_iteration");
        assertEquals("[4,3]", fc.get("hidden_dims").toString());
        assertTrue(fc.get("iterations_per_second").asDouble() > 0, r.out());
        Result table = bench(with(TINY, "--backend", "pure", "--dtype", "float64", "--fc", "4,3"));
        assertTrue(table.out().contains("fc[4, 3] ms/iter (it/s)"), table.out());
    }

    @Test
    void withoutPythonTheNumpyColumnSaysSoInOneLineAndJavaIsStillMeasured() throws Exception {
        String missing = "/nonexistent/bin/python3";
        Result table = bench(with(TINY, "--backend", "pure", "--dtype", "float64", "--python", missing));
        assertEquals(ExitCode.OK, table.code(), table.err());
        List<String> numpyLines = table.out().lines().filter(l -> l.contains("NumPy")).toList();
        assertEquals(1, numpyLines.size(), table.out());
        assertTrue(numpyLines.get(0).startsWith("× NumPy: not measured: cannot run " + missing + " ("),
                numpyLines.get(0));
        assertFalse(table.out().contains("×)"), "no ratio anywhere: " + table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("pure     float64")), table.out());

        Result json = bench(with(TINY, "--backend", "pure", "--dtype", "float64", "--python", missing, "--json"));
        assertEquals(ExitCode.OK, json.code(), json.err());
        JsonNode root = Json.mapper().readTree(json.out());
        assertFalse(root.path("numpy").path("available").asBoolean(true));
        assertTrue(root.path("numpy").path("reason").asText().contains(missing), json.out());
        assertTrue(root.path("results").path("pure").path("float64").path("products").path("x_w1").path("gflops_median")
                .asDouble() > 0, json.out());
    }

    @Test
    void aPythonThatEndsBeforeGreetingIsReportedWithItsExitCode() {
        Path fails = Path.of("/bin/false");
        assumeTrue(Files.isExecutable(fails), "no /bin/false here");
        Result r = bench(with(TINY, "--backend", "pure", "--dtype", "float64", "--python", fails.toString()));
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("× NumPy: not measured: the NumPy worker ended before it greeted (exit code 1)"),
                r.out());
    }

    @Test
    void peakWithoutTheVectorModuleSaysHowToEnableIt() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this JVM has the Vector API module, so --peak would run");
        Result r = bench(with(TINY, "--backend", "pure", "--peak"));
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).contains("--add-modules jdk.incubator.vector"), r.err());
        assertTrue(r.out().isEmpty(), "nothing measured: " + r.out());
    }

    @Test
    void unknownBackendExitsTwoWithOneLineNamingTheAvailableOnes() {
        Result r = bench(with(TINY, "--backend", "pure,nosuch", "--json"));
        assertEquals(ExitCode.USAGE, r.code());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), r.err());
        String line = lines.get(0);
        assertTrue(line.contains("nosuch"), line);
        assertTrue(line.contains("pure") && line.contains("naive"), line);
        assertTrue(r.out().isEmpty(), "nothing measured: " + r.out());
    }

    @Test
    void badOptionValuesExitTwo() {
        assertEquals(ExitCode.USAGE, bench(with(TINY, "--backend", "pure", "--dtype", "int8")).code());
        assertEquals(ExitCode.USAGE, bench(with(TINY, "--backend", "pure", "--n", "0")).code());
        assertEquals(ExitCode.USAGE, bench(with(TINY, "--backend", "pure", "--reps", "0")).code());
        Result r = bench(new String[] {"--n", "3", "--d", "5", "--h", "4", "--c", "2", "--backend", "pure",
                "--budget", "-1"});
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.errLines().get(0).startsWith("error: ") && r.errLines().get(0).contains("budget"), r.err());
    }

    @Test
    void anUnavailableBackendIsListedWithItsReasonAndTheOthersAreMeasured() throws Exception {
        BackendRegistry registry = new BackendRegistry(List.of(
                provider("pure", () -> Backends.get("pure")),
                provider("broken", () -> {
                    throw new IllegalStateException("no native library here");
                })));
        Result json = standalone(new BenchCommand(registry),
                with(TINY, "--backend", "broken,pure", "--dtype", "float64",
                        "--json"));
        assertEquals(ExitCode.OK, json.code(), json.err());
        JsonNode root = Json.mapper().readTree(json.out());
        assertEquals(List.of("pure"), fieldNames(root.path("results")));
        assertTrue(root.path("unavailable").path("broken").asText().contains("no native library here"), json.out());

        Result table = standalone(new BenchCommand(registry), with(TINY, "--dtype", "float64"));
        assertEquals(ExitCode.OK, table.code(), table.err());
        assertTrue(table.out().contains("backend broken is unavailable: IllegalStateException: no native library here"),
                table.out());

        Result none = standalone(new BenchCommand(registry), with(TINY, "--backend", "broken"));
        assertEquals(ExitCode.FAILURE, none.code());
        assertTrue(none.err().contains("every selected backend is unavailable"), none.err());
    }

    private static BackendProvider provider(String name, Callable<Backend> create) {
        return new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public String description() {
                return "test backend " + name;
            }

            @Override
            public Backend create() throws Exception {
                return create.call();
            }
        };
    }

    private static Result standalone(BenchCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new ErrorReporter());
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
