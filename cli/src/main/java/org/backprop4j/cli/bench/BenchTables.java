package org.backprop4j.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.backprop4j.cli.bench.BenchReport.CellFigures;
import org.backprop4j.cli.bench.BenchReport.Figures;
import org.backprop4j.cli.bench.BenchReport.Product;
import org.backprop4j.cli.bench.BenchReport.SideFigures;

/** Prints a {@link BenchReport} as the tables of {@code bench}. */
final class BenchTables {

    private final BenchReport r;
    private final PrintWriter out;

    private BenchTables(BenchReport report, PrintWriter out) {
        this.r = report;
        this.out = out;
    }

    /** Prints every section the report has. */
    static void print(BenchReport report, PrintWriter out) {
        BenchTables t = new BenchTables(report, out);
        t.header();
        if (!report.results().isEmpty()) {
            t.products();
            t.medians();
            t.best();
        }
        if (report.peak() != null) {
            t.peak();
        }
        t.budgetNote();
        if (report.train() != null) {
            TrainComparison.print(report.train(), out);
        }
        if (!report.unavailable().isEmpty()) {
            out.println();
            report.unavailable().forEach((k, v) -> out.println("(backend " + k + " is unavailable: " + v + ")"));
        }
    }

    private void header() {
        BenchReport.Shapes s = r.shapes();
        boolean step = !r.results().isEmpty();
        if (step) {
            out.println("TwoLayerNet training step, N=" + s.n() + " D=" + s.d() + " H=" + s.h() + " C=" + s.c());
        }
        out.println("CPU: " + r.cpu().describe());
        out.println(r.jdk().describe() + ", " + r.cores() + " cores");
        if (!step) {
            return;
        }
        BenchReport.Numpy np = r.numpy();
        if (np.available()) {
            out.println("NumPy " + np.version() + " (" + np.blas() + "), Python " + np.python());
            out.println("threads: " + r.settings().threads() + " per side (Java: every core the JVM may use; NumPy: "
                    + "OPENBLAS_NUM_THREADS=" + np.threads() + ")");
            out.println("Java and NumPy take turns within each cell: blocks of " + r.settings().block() + " samples, "
                    + number(r.settings().settleMs())
                    + " ms apart (so that neither side's idle threads spin on the other's time),"
                    + " each turn after " + number(r.settings().turnWarmupMs())
                    + " ms of untimed samples (a core that slept"
                    + " runs slow for a while)");
        } else {
            out.println(numpyAbsent(np.reason()));
        }
        out.println("warm-up " + r.settings().warmup() + " samples and at least " + number(r.settings().warmupSeconds())
                + " s, up to " + r.settings().reps() + " reps per cell, time budget "
                + r.settings().budgetSeconds() + " s per cell" + (np.available() ? " and side" : "") + ", seed "
                + r.settings().seed());
    }

    /** The one line that replaces the NumPy column. */
    static String numpyAbsent(String reason) {
        return "× NumPy: not measured: " + reason + (reason.endsWith(".") ? "" : ".");
    }

    private void products() {
        out.println();
        out.println("products (out = op(A)·op(B) with Matrix.gemm into a preallocated output; FLOPs = 2·m·n·k)");
        for (Product p : r.products()) {
            out.println(String.format("  %-7s %-24s %-34s %12s", p.label(), p.shapes(), p.role(), flopText(p.flops())));
        }
    }

    private void medians() {
        out.println();
        out.println("GFLOP/s, median of reps (higher is better); ms per training iteration, median (lower is better)");
        if (r.numpy().available()) {
            out.println(
                    "(r×) = Java's median time / NumPy's median time in the same cell: below 1 is faster than NumPy");
        }
        table(Figures::gflopsMedian, Figures::msMedian, true);
    }

    private void best() {
        out.println();
        out.println("GFLOP/s of the fastest rep (higher is better); ms of the fastest iteration");
        table(Figures::gflopsBest, Figures::msMin, false);
    }

    private void peak() {
        out.println();
        StringBuilder line = new StringBuilder(
                "fraction of this machine's FMA peak (Vector API FMA loop, best of repetitions):");
        for (BenchReport.Peak p : r.peak()) {
            line.append(
                    String.format(Locale.ROOT, "%n  %s %s: %s GFLOP/s on 1 thread, %s on %d", p.dtype(), p.species(),
                            number(p.oneThreadGflops()), number(p.allCoresGflops()), p.threads()));
        }
        out.println(line);
        if (r.results().isEmpty()) {
            return;
        }
        out.println("median GFLOP/s of each product / the all-cores peak of its dtype");
        StringBuilder header = new StringBuilder(String.format("%-8s %-8s", "backend", "dtype"));
        r.products().forEach(p -> header.append(String.format(" %8s", p.label())));
        out.println(header);
        Function<SideFigures, String> row = side -> {
            StringBuilder b = new StringBuilder();
            r.products()
                    .forEach(p -> b.append(String.format(" %8s", percent(side.products().get(p.id()).peakFraction()))));
            return b.toString();
        };
        rows((name, dtype, cell) -> out.println(String.format("%-8s %-8s", name, dtype)
                + row.apply(new SideFigures(cell.products(), cell.iteration(), cell.fcIteration()))), row);
        for (BenchReport.Peak p : r.peak()) {
            if (exceedsPeak(p.dtype())) {
                out.println(
                        "(the " + p.dtype() + " peak is below what a product reached: the FMA loop did not run at full "
                                + "speed, the JIT had not compiled it or the machine was busy; run --peak again)");
            }
        }
    }

    /** Whether a product of {@code dtype}, Java's or NumPy's, ran faster than the measured peak. */
    private boolean exceedsPeak(String dtype) {
        List<SideFigures> sides = new ArrayList<>();
        r.results().values().forEach(byDtype -> {
            CellFigures c = byDtype.get(dtype);
            if (c != null) {
                sides.add(new SideFigures(c.products(), c.iteration(), c.fcIteration()));
            }
        });
        if (r.numpy().results() != null && r.numpy().results().get(dtype) != null) {
            sides.add(r.numpy().results().get(dtype));
        }
        return sides.stream().flatMap(side -> side.products().values().stream())
                .anyMatch(f -> f.peakFraction() != null && f.peakFraction() > 1);
    }

    /** One row per backend and dtype (then NumPy's when {@code medians}); ratios to NumPy only with the medians. */
    private void table(ToDoubleFunction<Figures> gflops, ToDoubleFunction<Figures> ms, boolean medians) {
        boolean ratios = medians && r.numpy().available();
        int w = ratios ? 15 : 9;
        StringBuilder header = new StringBuilder(String.format("%-8s %-8s", "backend", "dtype"));
        r.products().forEach(p -> header.append(String.format(" %" + w + "s", p.label())));
        header.append(String.format(" %" + (w + 1) + "s", "ms/iter"));
        if (r.shapes().fcHidden() != null) {
            header.append("  fc" + r.shapes().fcHidden() + " ms/iter (it/s)");
        }
        out.println(header);
        Function<Figures, String> vs = f -> mark(f)
                + (ratios && f.vsNumpy() != null ? " (" + ratio(f.vsNumpy()) + ")" : "");
        Function<SideFigures, String> row = side -> {
            StringBuilder b = new StringBuilder();
            r.products().forEach(p -> {
                Figures f = side.products().get(p.id());
                b.append(String.format(" %" + w + "s", number(gflops.applyAsDouble(f)) + vs.apply(f)));
            });
            b.append(String.format(" %" + (w + 1) + "s",
                    number(ms.applyAsDouble(side.iteration())) + vs.apply(side.iteration())));
            Figures f = side.fcIteration();
            if (f != null) {
                double v = ms.applyAsDouble(f);
                b.append(String.format("  %s (%s)%s", number(v) + mark(f), number(1000 / v),
                        ratios && f.vsNumpy() != null ? " (" + ratio(f.vsNumpy()) + ")" : ""));
            }
            return b.toString();
        };
        rows((name, dtype, cell) -> out.println(String.format("%-8s %-8s", name, dtype)
                + row.apply(new SideFigures(cell.products(), cell.iteration(), cell.fcIteration()))),
                medians ? row : null);
    }

    private interface RowPrinter {
        void print(String backend, String dtype, CellFigures cell);
    }

    /** Every backend's rows, then (if {@code numpyRow}) NumPy's pooled rows. */
    private void rows(RowPrinter printer, Function<SideFigures, String> numpyRow) {
        r.results().forEach((name, byDtype) -> byDtype.forEach((dtype, cell) -> printer.print(name, dtype, cell)));
        if (numpyRow != null && r.numpy().available() && r.numpy().results() != null) {
            r.numpy().results().forEach((dtype, side) -> out.println(String.format("%-8s %-8s", "numpy", dtype)
                    + numpyRow.apply(side)));
        }
    }

    private void budgetNote() {
        List<String> limited = new ArrayList<>();
        r.results().forEach((name, byDtype) -> byDtype.forEach((dtype, cell) -> {
            List<Figures> all = new ArrayList<>(cell.products().values());
            all.add(cell.iteration());
            if (cell.fcIteration() != null) {
                all.add(cell.fcIteration());
            }
            int lo = all.stream().filter(Figures::budgetLimited).mapToInt(Figures::reps).min().orElse(0);
            int hi = all.stream().filter(Figures::budgetLimited).mapToInt(Figures::reps).max().orElse(0);
            if (hi > 0) {
                limited.add(name + " " + dtype + " (" + (lo == hi ? lo : lo + "-" + hi) + " reps)");
            }
        }));
        if (!limited.isEmpty()) {
            out.println();
            out.println("* fewer than " + r.settings().reps() + " reps: the cell used up its "
                    + r.settings().budgetSeconds()
                    + " s time budget: " + String.join(", ", limited) + ".");
        }
    }

    // ------------------------------------------------------------------ formatting

    private static String mark(Figures f) {
        return f.budgetLimited() ? "*" : "";
    }

    /** A ratio to NumPy: {@code 0.73×}, {@code 4.0×}, {@code 12×}. */
    static String ratio(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return "?×";
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.0f×", v);
        }
        return String.format(Locale.ROOT, v >= 1 ? "%.1f×" : "%.2f×", v);
    }

    /** A fraction as a whole percentage, e.g. {@code 78%}; one decimal below 10 %. */
    static String percent(Double fraction) {
        if (fraction == null || !(fraction >= 0) || Double.isInfinite(fraction)) {
            return "?";
        }
        double p = 100 * fraction;
        return String.format(Locale.ROOT, p < 10 ? "%.1f%%" : "%.0f%%", p);
    }

    /** Three significant digits, without exponent for values of at least 0.001. */
    static String number(double v) {
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 0.001) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String flopText(long flops) {
        if (flops >= 100_000) {
            return String.format(Locale.ROOT, "%.1f MFLOP", flops / 1e6);
        }
        return String.format(Locale.ROOT, "%d FLOP", flops);
    }
}
