package org.backprop4j.cli.plot;

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
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The notebooks' training figure as a PNG: XChart panels stacked vertically under an optional title, in
 * XChart's own style.
 *
 * <ol>
 *   <li>with a gradient-magnitude history (seed 002's {@code plot_stats}, {@code train --model mlp}) first
 *       "Gradient magnitude history (∇W1)", ‖∇W1‖ against "Iteration";
 *   <li>"Training loss" against "Iteration": the loss history as a line;
 *   <li>"Accuracy" against "Epoch": train and val accuracy, lines with circle markers ({@code '-o'}), legend
 *       in the lower right, the y axis from 0 to 1.
 * </ol>
 *
 * <p>Histories are plotted against their index, as {@code plt.plot(history)} does; the iteration axis starts at
 * 0 and the loss and gradient axes at 0 (seed 002's {@code set_ylim(0, ...)}), and iterations and epochs are
 * labelled with round whole numbers.
 * Non-finite entries (NaN, ±Inf: a diverged run, or the iterations before a resume for which no gradient
 * was recorded) are left out; a panel with nothing finite to draw says "no data" in its title. {@code null}
 * counts as empty. Rendering is headless: {@code java.awt.headless} is set unless already set.
 */
public final class TrainingCurvesPlot {

    static {
        PngFiles.ensureHeadless();
    }

    /** Image width in pixels. */
    public static final int WIDTH = 1000;

    /** Height of each panel in pixels. */
    public static final int PANEL_HEIGHT = 380;

    /** Height of the title above the panels, when there is one. */
    public static final int TITLE_HEIGHT = 40;

    static final String LOSS_TITLE = "Training loss";
    static final String ACCURACY_TITLE = "Accuracy";
    static final String GRADIENT_TITLE = "Gradient magnitude history (∇W1)";

    private TrainingCurvesPlot() {}

    /**
     * Writes the figure, {@value #WIDTH} pixels wide and {@value #PANEL_HEIGHT} per panel (plus the title).
     *
     * @param png the file to write (parent directories are created; replaced atomically)
     * @param lossHistory loss per iteration
     * @param trainAccHistory training accuracy per check (epoch)
     * @param valAccHistory validation accuracy per check
     * @param gradMagnitudeHistory ‖∇W1‖ per iteration, or {@code null}/empty for no such panel
     * @param title figure title above the panels, or {@code null}/blank for none
     */
    public static void write(Path png, double[] lossHistory, double[] trainAccHistory, double[] valAccHistory,
            double[] gradMagnitudeHistory, String title) throws IOException {
        int panels = hasValues(gradMagnitudeHistory) ? 3 : 2;
        int height = panels * PANEL_HEIGHT + (title == null || title.isBlank() ? 0 : TITLE_HEIGHT);
        PngFiles.write(render(lossHistory, trainAccHistory, valAccHistory, gradMagnitudeHistory, title, WIDTH, height),
                png);
    }

    /**
     * Renders the figure into an RGB image of the given size; the panels share the height below the title.
     *
     * @throws IllegalArgumentException if the size is too small to hold the panels
     */
    public static BufferedImage render(double[] lossHistory, double[] trainAccHistory, double[] valAccHistory,
            double[] gradMagnitudeHistory, String title, int width, int height) {
        List<XYChart> panels = new ArrayList<>();
        if (hasValues(gradMagnitudeHistory)) {
            panels.add(perIteration(GRADIENT_TITLE, "‖∇W1‖", gradMagnitudeHistory));
        }
        panels.add(perIteration(LOSS_TITLE, "Loss", lossHistory));
        panels.add(accuracy(trainAccHistory, valAccHistory));

        return PanelStack.render(panels, title, TITLE_HEIGHT, width, height);
    }

    /** A history per iteration as a line, the y axis from 0. */
    private static XYChart perIteration(String title, String yTitle, double[] history) {
        double[][] points = finitePoints(history);
        XYChart chart = chart(title, "Iteration", yTitle, points[0].length > 0);
        chart.getStyler().setLegendVisible(false);
        if (points[0].length > 0) {
            XYSeries s = chart.addSeries(yTitle, points[0], points[1]);
            s.setMarker(points[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineWidth(1f);
            chart.getStyler().setXAxisMin(0.0).setYAxisMin(0.0);
            labelRoundNumbers(chart, points[0][points[0].length - 1]);
        }
        return chart;
    }

    /** Train and val accuracy per check, {@code '-o'}, from 0 to 1. */
    private static XYChart accuracy(double[] train, double[] val) {
        double[][] t = finitePoints(train);
        double[][] v = finitePoints(val);
        XYChart chart = chart(ACCURACY_TITLE, "Epoch", "Accuracy", t[0].length + v[0].length > 0);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(LegendPosition.InsideSE);
        addLineWithMarkers(chart, "train", t);
        addLineWithMarkers(chart, "val", v);
        labelRoundNumbers(chart, Math.max(t[0].length, v[0].length) - 1);
        return chart;
    }

    /**
     * Labels only the multiples of a 1-2-5 step that gives about eight labels up to {@code last}. XChart puts a
     * tick on every k-th value of equally spaced x data (ticks at 0, 73, 146, ... for 1,600 iterations); with
     * most labels empty it ticks every value and shows these.
     */
    static void labelRoundNumbers(XYChart chart, double last) {
        double step = niceStep(last / 8);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> Math.abs(x / step - Math.rint(x / step)) < 1e-9
                ? String.format(Locale.ROOT, "%,d", Math.round(x))
                : "");
    }

    private static void addLineWithMarkers(XYChart chart, String name, double[][] points) {
        if (points[0].length > 0) {
            chart.addSeries(name, points[0], points[1]).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /** An XChart line chart in its default style; without data, an empty 0..1 box titled "no data". */
    static XYChart chart(String title, String xTitle, String yTitle, boolean hasData) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                .title(hasData ? title : title + " (no data)").xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line).setLocale(Locale.ROOT)
                .setToolTipsEnabled(false);
        if (!hasData) {
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                    .setAxisTicksVisible(false);
        }
        return chart;
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... that is at least {@code raw}. */
    static double niceStep(double raw) {
        double step = 1;
        for (int i = 0; step < raw; i++) {
            step *= i % 3 == 1 ? 2.5 : 2;
        }
        return step;
    }

    /** The finite entries of {@code y} with their indices as x: {@code {xs, ys}} ({@code null} is empty). */
    static double[][] finitePoints(double[] y) {
        double[] values = y == null ? new double[0] : y;
        double[] xs = new double[values.length];
        double[] ys = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                xs[n] = i;
                ys[n] = values[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    private static boolean hasValues(double[] history) {
        return history != null && history.length > 0;
    }
}
