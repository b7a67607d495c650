package org.backprop4j.cli.grade;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.backprop4j.backend.Backend;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.models.grader.FunctionGrade;
import org.backprop4j.models.grader.GradeReport;
import org.backprop4j.models.grader.Grader;
import org.backprop4j.models.grader.ReferenceSolution;
import org.backprop4j.models.grader.Status;
import org.backprop4j.models.grader.StudentCode;
import org.backprop4j.models.grader.StudentJar;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backprop4j grade JAR}: a student's {@code layers.py} functions and {@code TwoLayerNet.loss}, loaded from
 * the jar, each held to the reference on the notebooks' inputs and other seeds ({@link Grader}), with a blame line
 * for each one that is wrong.
 */
@Command(name = "grade", mixinStandardHelpOptions = true, description = {
        "Grade a student's layers: every layers.py function and TwoLayerNet.loss of the jar's Kernels "
                + "(META-INF/services/org.backprop4j.kernel.Kernels) against the reference, on the notebooks' "
                + "inputs and on other seeds, with what is wrong with each one that fails.",
        "Exits 0 when every function passes, 1 when any fails or is TODO."})
public final class GradeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JAR", description = "The student's jar (e.g. "
            + "examples/student-layers/target/student-layers.jar) or directory of classes.")
    Path jar;

    @Option(names = "--reference", description = "Grade the project's own reference solution instead of a jar.")
    boolean reference;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend the inputs are made on (default: the "
            + "system property backprop4j.backend, the environment variable BACKPROP4J_BACKEND, else the "
            + "highest-priority available backend).")
    String backend;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "10", description = "Most time one "
            + "function's grading may take (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--json", description = "Print one JSON object instead of the lines.")
    boolean json;

    @Override
    public Integer call() {
        if (jar == null && !reference) {
            throw new UserError("grade needs the student's JAR (or --reference for the reference solution).");
        }
        if (jar != null && reference) {
            throw new UserError("grade takes a JAR or --reference, not both.");
        }
        if (!(timeLimit > 0 && timeLimit <= 3600)) {
            throw new UserError("--time-limit must lie in (0, 3600] seconds, got " + timeLimit + ".");
        }
        StudentCode student = reference ? ReferenceSolution.code() : StudentJar.load(jar);
        Backend b = Backends.select(backend);
        Duration limit = Duration.ofMillis(Math.round(timeLimit * 1000));
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println("Grading " + student.origin() + " ("
                    + (reference ? "Kernels.DEFAULT, TwoLayerNet" : classes(student))
                    + ") on " + b.name()
                    + ", float64, at most " + seconds(timeLimit) + " per function");
            out.println();
            out.flush();
        }
        GradeReport report = new Grader(b, limit).grade(student, g -> {
            if (!json) {
                print(out, g);
                out.flush();
            }
        });
        if (json) {
            out.println(Json.write(json(report, b, student)));
        } else {
            out.println();
            out.println(total(report));
        }
        out.flush();
        return report.passed() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static String classes(StudentCode s) {
        String k = s.kernels().getClass().getName();
        return s.net() == null ? k + ", no TwoLayerNetLoss" : k + ", " + s.net().getClass().getName();
    }

    private static final int NAME_WIDTH = 19;

    /** One function: its status and the notebook's line, and below it the blame. */
    static void print(PrintWriter out, FunctionGrade g) {
        String head = String.format(Locale.ROOT, "%-" + NAME_WIDTH + "s %-4s  ", g.function(), label(g.status()));
        if (g.line() != null) {
            out.println(head + g.line());
            if (g.blame() != null) {
                out.println(" ".repeat(head.length()) + g.blame());
            }
        } else {
            out.println(head + g.blame());
        }
    }

    /** The status as the report prints it. */
    static String label(Status s) {
        return switch (s) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case TODO -> "TODO";
            case ERROR -> "ERR";
            case TIMEOUT -> "TIME";
            case OUT_OF_MEMORY -> "OOM";
        };
    }

    /** {@code Total: 3 of 11 passed; 2 failed, 6 TODO.} */
    static String total(GradeReport r) {
        List<String> rest = new ArrayList<>();
        for (Status s : Status.values()) {
            long n = r.count(s);
            if (s != Status.PASS && n > 0) {
                rest.add(n + " " + switch (s) {
                    case FAIL -> "failed";
                    case TODO -> "TODO";
                    case ERROR -> "threw";
                    case TIMEOUT -> "timed out";
                    case OUT_OF_MEMORY -> "out of memory";
                    case PASS -> "passed";
                });
            }
        }
        return "Total: " + r.count(Status.PASS) + " of " + r.grades().size() + " passed"
                + (rest.isEmpty() ? "." : "; " + String.join(", ", rest) + ".");
    }

    private Map<String, Object> json(GradeReport r, Backend b, StudentCode s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("graded", r.origin());
        m.put("kernels", s.kernels().getClass().getName());
        m.put("net", s.net() == null ? null : s.net().getClass().getName());
        m.put("backend", b.name());
        m.put("time_limit_seconds", timeLimit);
        List<Map<String, Object>> functions = new ArrayList<>();
        for (FunctionGrade g : r.grades()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("function", g.function());
            f.put("status", g.status().name());
            f.put("line", g.line());
            f.put("blame", g.blame());
            f.put("seconds", g.seconds());
            functions.add(f);
        }
        m.put("functions", functions);
        m.put("passed", r.count(Status.PASS));
        m.put("total", r.grades().size());
        m.put("all_passed", r.passed());
        return m;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3g s", s);
    }
}
