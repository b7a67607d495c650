package org.backprop4j.cli.bench;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.cli.bench.ConvReport.LayerFigures;
import org.backprop4j.cli.bench.ConvReport.Timed;

/** Prints a {@link ConvReport} as the table of {@code bench --conv}: one row per backend, dtype and layer. */
final class ConvTables {

    /** The table's row format: backend, dtype, layer, naive, fast, speed-up, NumPy, fast/NumPy, difference. */
    private static final String ROW = "%-8s %-8s %-17s %13s %13s %9s";
    private static final String NUMPY = " %13s %10s";

    private ConvTables() {
    }

    /** Prints the header, the table and the notes. */
    static void print(ConvReport r, PrintWriter out) {
        ConvWorkload.Spec s = r.workload();
        boolean np = r.numpy().available();
        out.println("cs231n ConvolutionalNetworks timing cells, randn after seed " + s.seed() + ":");
        out.println("  conv: x " + ConvWorkload.shape(s.x()) + ", w " + ConvWorkload.shape(s.w()) + ", b "
                + ConvWorkload.shape(List.of(s.w().get(0))) + ", conv_param stride " + s.stride() + ", pad " + s.pad()
                + "; dout " + ConvWorkload.shape(s.dout()));
        out.println("  max pool: x " + ConvWorkload.shape(s.poolX()) + ", pool_param " + s.poolHeight() + "x"
                + s.poolWidth() + ", stride " + s.poolStride() + "; dout " + ConvWorkload.shape(s.poolDout()));
        out.println("CPU: " + r.cpu().describe());
        out.println(r.jdk().describe() + ", " + r.cores() + " cores");
        if (np) {
            BenchReport.Numpy n = r.numpy();
            out.println("NumPy " + n.version() + " (" + n.blas() + "), Python " + n.python() + ", OPENBLAS_NUM_THREADS="
                    + n.threads() + ": fast_layers.py's conv_forward_strides, conv_backward_strides (its Cython "
                    + "col2im_6d done in NumPy, one strided add per filter offset) and the reshape-trick max pool");
        } else {
            out.println(BenchTables.numpyAbsent(r.numpy().reason()));
        }
        BenchReport.Settings t = r.settings();
        BenchReport.Settings n = r.naive();
        out.println("ms per call, median of the runs in brackets: naive after " + warmup(n) + ", up to " + n.reps()
                + " runs; fast" + (np ? " and NumPy" : "") + " after " + warmup(t) + ", up to " + t.reps() + " runs"
                + (np ? ", taking turns in blocks of " + t.block() + ", " + plain(t.settleMs()) + " ms apart" : "")
                + "; each side stops after " + plain(t.budgetSeconds()) + " s");
        out.println("speed-up = naive / fast (the notebook's Speedup)" + (np
                ? "; fast/NumPy = fast / NumPy (below 1: faster than NumPy)"
                : "") + "; difference = rel_error(naive, fast), elementwise");
        out.println();
        StringBuilder header = new StringBuilder(
                String.format(ROW, "backend", "dtype", "layer", "naive ms", "fast ms", "speed-up"));
        if (np) {
            header.append(String.format(NUMPY, "NumPy ms", "fast/NumPy"));
        }
        out.println(header.append("  difference"));
        r.results().forEach((backend, byDtype) -> byDtype.forEach((dtype, layers) -> layers.forEach((layer, f) -> {
            StringBuilder row = new StringBuilder(String.format(ROW, backend, dtype, layer, time(f.naive()),
                    time(f.fast()), speedup(f.speedup())));
            if (np) {
                row.append(String.format(NUMPY, f.numpy() == null ? "-" : time(f.numpy()),
                        f.fastVsNumpy() == null ? "-" : BenchTables.ratio(f.fastVsNumpy())));
            }
            out.println(row.append("  ").append(differences(f.differences())));
        })));
        notes(r, out);
        budgetNote(r, out);
        if (!r.unavailable().isEmpty()) {
            out.println();
            r.unavailable().forEach((k, v) -> out.println("(backend " + k + " is unavailable: " + v + ")"));
        }
    }

    private static String warmup(BenchReport.Settings s) {
        return "at least " + s.warmup() + " untimed calls and " + plain(s.warmupSeconds()) + " s";
    }

    /** One line on the speed target, when pure and NumPy were both measured; {@code null} otherwise. */
    static String target(ConvReport r) {
        List<ConvReport.TargetCheck> checks = r.speedTarget();
        if (checks == null) {
            return null;
        }
        // A ratio of budget-cut medians (a few runs) is starred as in the table: take it with salt.
        List<String> parts = checks.stream().map(c -> c.dtype() + " " + c.layer() + " "
                + BenchTables.ratio(c.fastVsNumpy()) + (c.budgetLimited() ? "*" : "") + (c.met() ? " met" : " not met"))
                .toList();
        return "speed target (" + ConvReport.TARGET_BACKEND + "'s fast conv no slower than NumPy's strided one): "
                + String.join(", ", parts);
    }

    private static void notes(ConvReport r, PrintWriter out) {
        if (r.results().containsKey("naive")) {
            out.println("(naive's fast layers are the textbook loops as well, so its speed-ups are about 1)");
        }
        if (r.results().values().stream().anyMatch(byDtype -> byDtype.containsKey("float32"))) {
            out.println("(float32: rel_error is elementwise, so an output near zero makes it large; float64 is the "
                    + "notebook's case)");
        }
        String target = target(r);
        if (target != null) {
            out.println();
            out.println(target);
        }
    }

    private static void budgetNote(ConvReport r, PrintWriter out) {
        List<String> cut = new ArrayList<>();
        r.results().forEach((backend, byDtype) -> byDtype.forEach((dtype, layers) -> layers.forEach((layer, f) -> {
            for (Timed t : new Timed[] {f.naive(), f.fast(), f.numpy()}) {
                if (t != null && t.budgetLimited()) {
                    cut.add(backend + " " + dtype + " " + layer);
                    return;
                }
            }
        })));
        if (!cut.isEmpty()) {
            out.println();
            out.println("* fewer runs than asked: the " + plain(r.settings().budgetSeconds())
                    + " s budget ran out (--budget): " + String.join(", ", cut) + ".");
        }
    }

    /** A setting: {@code 0}, {@code 120}, {@code 0.05}. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A median with its run count, e.g. {@code 12.3 (20)}; {@code *} when the budget cut the runs short. */
    static String time(Timed t) {
        return BenchTables.number(t.msMedian()) + " (" + t.reps() + ")" + (t.budgetLimited() ? "*" : "");
    }

    /** A speed-up as the notebook prints it, but rounded: {@code 288×}, {@code 4.1×}, {@code 0.98×}. */
    static String speedup(double v) {
        return BenchTables.ratio(v);
    }

    /** The notebook's differences, e.g. {@code out 4.9e-11} or {@code dx 1.9e-11  dw 4.1e-13  db 0}. */
    static String differences(Map<String, Double> d) {
        List<String> parts = new ArrayList<>();
        d.forEach((name, v) -> parts.add(name + " " + difference(v)));
        return String.join("  ", parts);
    }

    /** {@code 0}, or two significant digits with an exponent: {@code 4.9e-11}. */
    static String difference(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.1e", v);
    }
}
