package org.backprop4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.backprop4j.solver.diagnostics.Histogram;
import org.backprop4j.solver.diagnostics.LayerStats;
import org.backprop4j.solver.diagnostics.ParamStats;
import org.backprop4j.solver.diagnostics.Snapshot;

/**
 * {@code diagnostics.png}: what the notes ask to watch, as XChart panels stacked as in {@code curves.png}.
 *
 * <ol>
 *   <li>"Update:weight ratio": ‖ΔW‖/‖W‖ of every weight matrix against "Iteration", on a log axis, with the
 *       notes' 1e-3 as a dashed guide line;
 *   <li>"Dead ReLUs / saturated sigmoids": the fraction per hidden layer, from 0 to 1;
 *   <li>"Hidden activations": mean and std per hidden layer;
 *   <li>per hidden layer, "Activations of layer L": the histograms (fraction of activations per bin) of the
 *       first, middle and last epoch ends diagnosed.
 * </ol>
 */
public final class DiagnosticsPlot {

    static {
        PngFiles.ensureHeadless();
    }

    /** The file name in the run folder. */
    public static final String FILE = "diagnostics.png";

    /** The notes' healthy update:weight ratio. */
    public static final double GUIDE_RATIO = 1e-3;

    static final String RATIO_TITLE = "Update:weight ratio ‖ΔW‖/‖W‖";

    private DiagnosticsPlot() {
    }

    /** Writes the figure: {@value TrainingCurvesPlot#WIDTH} pixels wide, a panel per row. */
    public static void write(Path png, List<Snapshot> snapshots, String title) throws IOException {
        List<XYChart> panels = panels(snapshots);
        int height = panels.size() * TrainingCurvesPlot.PANEL_HEIGHT
                + (title == null || title.isBlank() ? 0 : TrainingCurvesPlot.TITLE_HEIGHT);
        PngFiles.write(render(panels, title, TrainingCurvesPlot.WIDTH, height), png);
    }

    static BufferedImage render(List<XYChart> panels, String title, int width, int height) {
        return PanelStack.render(panels, title, TrainingCurvesPlot.TITLE_HEIGHT, width, height);
    }

    /** The panels for these snapshots (see the class comment). */
    static List<XYChart> panels(List<Snapshot> snapshots) {
        List<XYChart> panels = new ArrayList<>();
        panels.add(ratios(snapshots));
        Set<Integer> layers = new LinkedHashSet<>();
        snapshots.forEach(s -> s.layers().forEach(l -> layers.add(l.layer())));
        if (layers.isEmpty()) {
            return panels;
        }
        XYChart inactive = TrainingCurvesPlot.chart("Dead ReLUs / saturated sigmoids", "Iteration", "Fraction", true);
        inactive.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(LegendPosition.InsideNE);
        XYChart stats = TrainingCurvesPlot.chart("Hidden activations", "Iteration", "Value", true);
        stats.getStyler().setLegendPosition(LegendPosition.InsideNE);
        for (int layer : layers) {
            line(inactive, "layer " + layer, snapshots, layer, LayerStats::inactiveFraction);
            line(stats, "mean, layer " + layer, snapshots, layer, LayerStats::mean);
            line(stats, "std, layer " + layer, snapshots, layer, LayerStats::std);
        }
        panels.add(inactive);
        panels.add(stats);
        for (int layer : layers) {
            panels.add(histograms(snapshots, layer));
        }
        return panels;
    }

    private static XYChart ratios(List<Snapshot> snapshots) {
        Map<String, List<double[]>> byParam = new LinkedHashMap<>();
        for (Snapshot s : snapshots) {
            for (ParamStats p : s.params()) {
                if (p.name().startsWith("W") && p.updateRatio() > 0 && Double.isFinite(p.updateRatio())) {
                    byParam.computeIfAbsent(p.name(), k -> new ArrayList<>())
                            .add(new double[] {s.iteration(), p.updateRatio()});
                }
            }
        }
        XYChart chart = TrainingCurvesPlot.chart(RATIO_TITLE, "Iteration", "‖ΔW‖/‖W‖", !byParam.isEmpty());
        if (byParam.isEmpty()) {
            return chart;
        }
        chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(LegendPosition.InsideNE);
        double min = GUIDE_RATIO;
        double max = GUIDE_RATIO;
        double last = 1;
        for (Map.Entry<String, List<double[]>> e : byParam.entrySet()) {
            double[][] xy = columns(e.getValue());
            XYSeries s = chart.addSeries(e.getKey(), xy[0], xy[1]);
            s.setMarker(xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            for (double v : xy[1]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            last = Math.max(last, xy[0][xy[0].length - 1]);
        }
        XYSeries guide = chart.addSeries("1e-3", new double[] {0, last}, new double[] {GUIDE_RATIO, GUIDE_RATIO});
        guide.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY)
                .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
        // whole decades around the data and the guide, so the log axis has labelled ticks
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))))
                .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max)))).setXAxisMin(0.0);
        return chart;
    }

    private static void line(XYChart chart, String name, List<Snapshot> snapshots, int layer,
            ToDoubleFunction<LayerStats> value) {
        List<double[]> points = new ArrayList<>();
        for (Snapshot s : snapshots) {
            for (LayerStats l : s.layers()) {
                double v = value.applyAsDouble(l);
                if (l.layer() == layer && Double.isFinite(v)) {
                    points.add(new double[] {s.iteration(), v});
                }
            }
        }
        if (!points.isEmpty()) {
            double[][] xy = columns(points);
            chart.addSeries(name, xy[0], xy[1]).setMarker(xy[0].length == 1
                    ? SeriesMarkers.CIRCLE
                    : SeriesMarkers.NONE);
        }
    }

    /** The histograms of {@code layer} at the first, middle and last epoch end that has one. */
    private static XYChart histograms(List<Snapshot> snapshots, int layer) {
        List<Snapshot> ends = new ArrayList<>();
        for (Snapshot s : snapshots) {
            if (s.layers().stream().anyMatch(l -> l.layer() == layer && l.histogram() != null)) {
                ends.add(s);
            }
        }
        XYChart chart = TrainingCurvesPlot.chart("Activations of hidden layer " + layer, "Activation",
                "Fraction of activations", !ends.isEmpty());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Step).setYAxisMin(0.0)
                .setLegendPosition(LegendPosition.InsideNE);
        Set<Snapshot> picked = new LinkedHashSet<>();
        if (!ends.isEmpty()) {
            picked.add(ends.get(0));
            picked.add(ends.get((ends.size() - 1) / 2));
            picked.add(ends.get(ends.size() - 1));
        }
        for (Snapshot s : picked) {
            LayerStats l = s.layers().stream().filter(x -> x.layer() == layer).findFirst().orElseThrow();
            Histogram h = l.histogram();
            int bins = h.counts().length;
            if (bins == 0) {
                continue;
            }
            long total = 0;
            for (long c : h.counts()) {
                total += c;
            }
            // a step per bin from its left edge, closed at the right edge of the last
            double[] x = new double[bins + 1];
            double[] y = new double[bins + 1];
            double width = (h.hi() - h.lo()) / bins;
            for (int k = 0; k <= bins; k++) {
                x[k] = h.lo() + k * width;
                y[k] = (double) h.counts()[Math.min(k, bins - 1)] / total;
            }
            chart.addSeries("epoch " + s.epoch(), x, y).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static double[][] columns(List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new double[][] {x, y};
    }
}
