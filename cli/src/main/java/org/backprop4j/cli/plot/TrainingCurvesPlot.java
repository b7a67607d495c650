package org.backprop4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The notebooks' training figure as a PNG: panels stacked vertically, sharing one width.
 *
 * <ol>
 *   <li>"Training loss" against "Iteration": the per-iteration loss history as a thin line;
 *   <li>optionally (seed 002's {@code plot_stats}) "Gradient magnitude history (‖∇W1‖)" against
 *       "Iteration", drawn only when that history is non-empty;
 *   <li>"Accuracy" against "Epoch": train and val accuracy, lines with circle markers ({@code
 *       '-o'}), legend in the lower right.
 * </ol>
 *
 * <p>Histories are plotted against their index, as {@code plt.plot(history)} does. Non-finite
 * entries (NaN, ±Inf, e.g. a diverged run) are skipped; an empty or all-NaN history gives a panel
 * that says "no data"; {@code null} counts as empty. Per-iteration histories longer than {@link
 * #MAX_PLOTTED_POINTS} are reduced by keeping the minimum and maximum of each bucket of consecutive
 * iterations, which keeps the envelope of a noisy loss curve exactly while bounding the drawing
 * cost.
 *
 * <p>Rendering is headless: {@code java.awt.headless} is set to {@code true} unless already set.
 */
public final class TrainingCurvesPlot {

    static {
        PngFiles.ensureHeadless();
    }

    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 1000;

    /** Default image height in pixels with two panels (loss, accuracy). */
    public static final int DEFAULT_HEIGHT = 800;

    /** Default image height in pixels with three panels (loss, gradient magnitude, accuracy). */
    public static final int DEFAULT_HEIGHT_WITH_GRADIENTS = 1100;

    /**
     * Upper bound on the points drawn per per-iteration curve; longer histories are downsampled.
     */
    public static final int MAX_PLOTTED_POINTS = 4000;

    static final String LOSS_TITLE = "Training loss";
    static final String ACCURACY_TITLE = "Accuracy";
    static final String GRADIENT_TITLE = "Gradient magnitude history (‖∇W1‖)";
    static final String GRADIENT_TITLE_ASCII = "Gradient magnitude history (||grad W1||)";
    static final String NO_DATA = "no data";

    // matplotlib's default colour cycle (C0, C1), so the figure looks like the notebooks'
    private static final Color C0 = new Color(0x1f, 0x77, 0xb4);
    private static final Color C1 = new Color(0xff, 0x7f, 0x0e);
    private static final Color C2 = new Color(0x2c, 0xa0, 0x2c);
    private static final Color GRID = new Color(0xe5, 0xe5, 0xe5);
    private static final Font BASE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font FIGURE_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font NO_DATA_FONT = new Font(Font.SANS_SERIF, Font.ITALIC, 16);
    private static final int HEADER_HEIGHT = 40;

    /** Axis margin as a fraction of the data range on each side (matplotlib's default). */
    private static final double MARGIN = 0.05;

    /** Below this many points a per-iteration curve also gets markers so single points show. */
    private static final int MARKER_THRESHOLD = 200;

    private TrainingCurvesPlot() {}

    /**
     * Writes the two-panel figure (loss, accuracy) at {@value #DEFAULT_WIDTH}x{@value
     * #DEFAULT_HEIGHT} pixels.
     *
     * @param png the file to write (parent directories are created; replaced atomically)
     * @param lossHistory loss per iteration, may be empty or contain NaN
     * @param trainAccHistory training accuracy per epoch
     * @param valAccHistory validation accuracy per epoch
     * @param title figure title above the panels, or {@code null}/blank for none
     */
    public static void write(
            Path png,
            double[] lossHistory,
            double[] trainAccHistory,
            double[] valAccHistory,
            String title)
            throws IOException {
        write(png, lossHistory, trainAccHistory, valAccHistory, null, title);
    }

    /**
     * Writes the figure at the default size, with the gradient-magnitude panel when {@code
     * gradMagnitudeHistory} is non-empty.
     *
     * @param gradMagnitudeHistory ‖∇W1‖ per iteration, or {@code null}/empty for no such panel
     */
    public static void write(
            Path png,
            double[] lossHistory,
            double[] trainAccHistory,
            double[] valAccHistory,
            double[] gradMagnitudeHistory,
            String title)
            throws IOException {
        int height =
                hasGradients(gradMagnitudeHistory) ? DEFAULT_HEIGHT_WITH_GRADIENTS : DEFAULT_HEIGHT;
        BufferedImage image =
                render(
                        lossHistory,
                        trainAccHistory,
                        valAccHistory,
                        gradMagnitudeHistory,
                        title,
                        DEFAULT_WIDTH,
                        height);
        PngFiles.write(image, png);
    }

    /**
     * Renders the figure into an RGB image of the given size; the panels share the height left
     * below the title equally.
     *
     * @throws IllegalArgumentException if the size is too small to hold the panels
     */
    public static BufferedImage render(
            double[] lossHistory,
            double[] trainAccHistory,
            double[] valAccHistory,
            double[] gradMagnitudeHistory,
            String title,
            int width,
            int height) {
        boolean hasTitle = title != null && !title.isBlank();
        List<Panel> panels = new ArrayList<>();
        panels.add(lossPanel(orEmpty(lossHistory)));
        if (hasGradients(gradMagnitudeHistory)) {
            panels.add(gradientPanel(gradMagnitudeHistory));
        }
        panels.add(accuracyPanel(orEmpty(trainAccHistory), orEmpty(valAccHistory)));

        int header = hasTitle ? HEADER_HEIGHT : 0;
        int panelHeight = (height - header) / panels.size();
        if (width < 200 || panelHeight < 120) {
            throw new IllegalArgumentException(
                    "figure of "
                            + width
                            + "x"
                            + height
                            + " px is too small for "
                            + panels.size()
                            + " panels (need at least 200 px wide and 120 px per panel)");
        }

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            if (hasTitle) {
                g.setColor(Color.BLACK);
                g.setFont(FIGURE_TITLE_FONT);
                drawCentered(g, title.strip(), width, header);
            }
            for (int i = 0; i < panels.size(); i++) {
                int y = header + i * panelHeight;
                int h = i == panels.size() - 1 ? height - y : panelHeight;
                Panel panel = panels.get(i);
                Graphics2D sub = (Graphics2D) g.create(0, y, width, h);
                try {
                    panel.chart().paint(sub, width, h);
                    if (!panel.hasData()) {
                        sub.setColor(Color.GRAY);
                        sub.setFont(NO_DATA_FONT);
                        drawCentered(sub, NO_DATA, width, h);
                    }
                } finally {
                    sub.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * One chart of the figure; a panel without finite data gets a "no data" note painted over it.
     */
    private record Panel(XYChart chart, boolean hasData) {}

    private static Panel lossPanel(double[] loss) {
        XYChart chart = newChart(LOSS_TITLE, "Iteration", "Loss");
        chart.getStyler().setLegendVisible(false);
        boolean any = addPerIterationSeries(chart, "loss", loss, C0);
        if (any) {
            applyMargins(chart, false, false);
        }
        return new Panel(chart, any);
    }

    private static Panel gradientPanel(double[] grads) {
        String title =
                canDisplay(PANEL_TITLE_FONT, GRADIENT_TITLE)
                        ? GRADIENT_TITLE
                        : GRADIENT_TITLE_ASCII;
        String yTitle = canDisplay(BASE_FONT, "‖∇W1‖") ? "‖∇W1‖" : "||grad W1||";
        XYChart chart = newChart(title, "Iteration", yTitle);
        chart.getStyler().setLegendVisible(false);
        boolean any = addPerIterationSeries(chart, "grad", grads, C2);
        if (any) {
            applyMargins(
                    chart, false, min(grads) >= 0); // floor at 0 as the notebook's set_ylim(0, ...)
        }
        return new Panel(chart, any);
    }

    private static Panel accuracyPanel(double[] train, double[] val) {
        XYChart chart = newChart(ACCURACY_TITLE, "Epoch", "Accuracy");
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(LegendPosition.InsideSE);
        styler.setMarkerSize(7);
        boolean any = false;
        any |= addEpochSeries(chart, "train", train, C0);
        any |= addEpochSeries(chart, "val", val, C1);
        if (any) {
            applyMargins(chart, true, false);
        } else {
            markNoData(chart);
        }
        return new Panel(chart, any);
    }

    /** Adds a per-iteration curve; returns false (and marks the panel) when nothing is finite. */
    private static boolean addPerIterationSeries(
            XYChart chart, String name, double[] y, Color color) {
        double[][] pts = finitePoints(y);
        if (pts[0].length == 0) {
            markNoData(chart);
            return false;
        }
        double[][] shown = minMaxDownsample(pts[0], pts[1], MAX_PLOTTED_POINTS);
        XYSeries s = chart.addSeries(name, shown[0], shown[1]);
        s.setLineColor(color);
        s.setLineWidth(1.0f);
        s.setMarkerColor(color);
        s.setMarker(pts[0].length <= MARKER_THRESHOLD ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (pts[0].length == 1) {
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        }
        return true;
    }

    private static boolean addEpochSeries(XYChart chart, String name, double[] y, Color color) {
        double[][] pts = finitePoints(y);
        if (pts[0].length == 0) {
            return false;
        }
        XYSeries s = chart.addSeries(name, pts[0], pts[1]);
        s.setLineColor(color);
        s.setLineWidth(1.5f);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        return true;
    }

    private static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart =
                new XYChartBuilder()
                        .width(DEFAULT_WIDTH)
                        .height(DEFAULT_HEIGHT / 2)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        XYStyler st = chart.getStyler();
        st.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotBorderColor(Color.DARK_GRAY);
        st.setPlotGridLinesVisible(true);
        st.setPlotGridLinesColor(GRID);
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(PANEL_TITLE_FONT);
        st.setAxisTitleFont(BASE_FONT);
        st.setAxisTickLabelsFont(BASE_FONT.deriveFont(12f));
        st.setLegendFont(BASE_FONT);
        st.setLegendBorderColor(Color.LIGHT_GRAY);
        st.setChartPadding(12);
        st.setPlotMargin(6);
        st.setAxisTicksLineVisible(false); // the plot border is the axis, as in matplotlib
        st.setAxisTickPadding(6);
        st.setAxisTickMarkLength(4);
        st.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        st.setLocale(Locale.ROOT); // same digits and separators whatever the user's locale
        st.setMarkerSize(5);
        st.setAntiAlias(true);
        st.setXAxisDecimalPattern("#,##0.##");
        st.setToolTipsEnabled(false);
        return chart;
    }

    /**
     * Pads the y axis, and with {@code padX} the x axis, by {@value #MARGIN} of the data range on
     * each side, as matplotlib does, so that no point sits on the plot border (XChart's default is
     * a tight fit). A flat range is widened around its value. With {@code zeroFloor} the y axis
     * starts at 0. Iteration axes stay tight, so that they start at iteration 0 without a negative
     * tick.
     */
    private static void applyMargins(XYChart chart, boolean padX, boolean zeroFloor) {
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double x : s.getXData()) {
                xLo = Math.min(xLo, x);
                xHi = Math.max(xHi, x);
            }
            for (double y : s.getYData()) {
                yLo = Math.min(yLo, y);
                yHi = Math.max(yHi, y);
            }
        }
        double[] x = padded(xLo, xHi);
        double[] y = padded(yLo, yHi);
        XYStyler st = chart.getStyler();
        // XChart places a tick every few units of an integer axis; label only round multiples of a
        // 1-2-5 step giving about eight labels (iterations and epochs are whole numbers)
        if (!padX) {
            double step = niceStep((xHi - xLo) / 8);
            st.setxAxisTickLabelsFormattingFunction(
                    v ->
                            Math.abs(v / step - Math.rint(v / step)) < 1e-9
                                    ? String.format(Locale.ROOT, "%,d", Math.round(v))
                                    : "");
        }
        if (padX) {
            st.setXAxisMin(x[0]);
            st.setXAxisMax(x[1]);
        }
        st.setYAxisMin(zeroFloor ? 0.0 : y[0]);
        st.setYAxisMax(y[1]);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... that is at least {@code raw} (and at least 1). */
    static double niceStep(double raw) {
        double step = 1;
        while (step < raw) {
            double[] factors = {2, 2.5, 2};
            for (double f : factors) {
                if (step >= raw) {
                    break;
                }
                step *= f;
            }
        }
        return step;
    }

    private static double[] padded(double lo, double hi) {
        double range = hi - lo;
        if (!(range > 0) || !Double.isFinite(range)) {
            double half = Math.max(Math.abs(lo) * MARGIN, 0.5);
            return Double.isFinite(range)
                    ? new double[] {lo - half, hi + half}
                    : new double[] {lo, hi};
        }
        return new double[] {lo - MARGIN * range, hi + MARGIN * range};
    }

    private static void markNoData(XYChart chart) {
        // an empty axis box from 0 to 1, with the note painted over it after the chart is drawn
        XYStyler st = chart.getStyler();
        st.setXAxisMin(0.0);
        st.setXAxisMax(1.0);
        st.setYAxisMin(0.0);
        st.setYAxisMax(1.0);
        st.setAxisTicksVisible(false); // the 0..1 range is a placeholder, not data
        st.setLegendVisible(false);
    }

    // ---------------------------------------------------------------------------------------------
    // data preparation (package-private for tests)

    /** The finite entries of {@code y} with their indices as x: {@code {xs, ys}}. */
    static double[][] finitePoints(double[] y) {
        double[] xs = new double[y.length];
        double[] ys = new double[y.length];
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                xs[n] = i;
                ys[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    /**
     * Reduces a curve to at most {@code maxPoints} points by splitting it into buckets of
     * consecutive points and keeping, in order, the first and last point of the curve and the
     * minimum and maximum of every bucket. The envelope (the extremes) of the curve is kept
     * exactly. Returns the input arrays themselves when they are short enough.
     */
    static double[][] minMaxDownsample(double[] xs, double[] ys, int maxPoints) {
        int n = xs.length;
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4, got " + maxPoints);
        }
        if (n <= maxPoints) {
            return new double[][] {xs, ys};
        }
        int buckets = (maxPoints - 2) / 2;
        double[] ox = new double[maxPoints];
        double[] oy = new double[maxPoints];
        int m = 0;
        int last = -1;
        int[] picks = new int[4];
        for (int b = 0; b < buckets; b++) {
            int start = (int) ((long) b * n / buckets);
            int end = (int) ((long) (b + 1) * n / buckets);
            int iMin = start;
            int iMax = start;
            for (int i = start + 1; i < end; i++) {
                if (ys[i] < ys[iMin]) {
                    iMin = i;
                }
                if (ys[i] > ys[iMax]) {
                    iMax = i;
                }
            }
            int k = 0;
            if (b == 0) {
                picks[k++] = 0;
            }
            picks[k++] = Math.min(iMin, iMax);
            picks[k++] = Math.max(iMin, iMax);
            if (b == buckets - 1) {
                picks[k++] = n - 1;
            }
            for (int j = 0; j < k; j++) {
                int i = picks[j];
                if (i != last) {
                    ox[m] = xs[i];
                    oy[m] = ys[i];
                    m++;
                    last = i;
                }
            }
        }
        return new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean hasGradients(double[] grads) {
        return grads != null && grads.length > 0;
    }

    private static double[] orEmpty(double[] a) {
        return a == null ? new double[0] : a;
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            if (Double.isFinite(v)) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    private static boolean canDisplay(Font font, String s) {
        return font.canDisplayUpTo(s) == -1;
    }

    private static void drawCentered(Graphics2D g, String text, int width, int height) {
        FontMetrics fm = g.getFontMetrics();
        int x = Math.max(4, (width - fm.stringWidth(text)) / 2);
        int y = (height - fm.getHeight()) / 2 + fm.getAscent();
        g.drawString(text, x, y);
    }
}
