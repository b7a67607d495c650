package org.backprop4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesPlotTest {

    // the series colours are XChart's first two (blue: loss, gradient, train; orange: val); these predicates
    // also accept the anti-aliased fringe of thin lines, and reject black, white and the greys of text, grid,
    // borders and background
    private static final IntPredicate BLUE = rgb -> b(rgb) - r(rgb) > 60 && b(rgb) > g(rgb) + 15;
    private static final IntPredicate ORANGE = rgb -> r(rgb) - b(rgb) > 80 && r(rgb) > g(rgb) + 30;

    private static final double[] TRAIN = {0.10, 0.25, 0.38, 0.45, 0.52};
    private static final double[] VAL = {0.10, 0.22, 0.33, 0.40, 0.47};

    @TempDir
    Path tmp;

    @Test
    void writesATwoPanelPngOfTheDefaultSize() throws IOException {
        Path png = tmp.resolve("out/curves.png");
        TrainingCurvesPlot.write(png, noisyLoss(500, 1), TRAIN, VAL, null, "two-layer net");

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(800, img.getHeight(), "the title (40 px) and two panels of 380");
        // loss in the top panel; val accuracy only in the bottom panel
        assertTrue(count(img, 0, 420, BLUE) > 500, "loss curve drawn in the top panel");
        assertEquals(0, count(img, 0, 420, ORANGE), "nothing orange above the accuracy panel");
        assertTrue(count(img, 420, 800, ORANGE) > 100, "val accuracy drawn in the bottom panel");
        assertTrue(count(img, 420, 800, BLUE) > 100, "train accuracy drawn in the bottom panel");
        try (Stream<Path> files = Files.list(png.getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertEquals(List.of("curves.png"), names, "no temporary file is left behind");
        }
    }

    /** Seed 002's plot_stats: the gradient magnitude first, then the loss, then the accuracies. */
    @Test
    void gradientHistoryAddsAPanelAboveTheLoss() throws IOException {
        Path two = tmp.resolve("two.png");
        Path three = tmp.resolve("three.png");
        double[] grads = new double[300];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = 0.5 * Math.exp(-i / 100.0);
        }
        TrainingCurvesPlot.write(two, new double[0], TRAIN, VAL, new double[0], "t");
        TrainingCurvesPlot.write(three, new double[0], TRAIN, VAL, grads, "t");

        BufferedImage a = ImageIO.read(two.toFile());
        BufferedImage b = ImageIO.read(three.toFile());
        assertEquals(800, a.getHeight(), "empty gradients: no panel");
        assertEquals(40 + 3 * 380, b.getHeight());
        assertEquals(1000, b.getWidth());
        // the loss history is empty: the only curve above the accuracy panel is the gradient's, in the top panel
        assertEquals(0, count(a, 0, 420, BLUE));
        assertTrue(count(b, 40, 420, BLUE) > 200, "gradient curve in the top panel");
        assertEquals(0, count(b, 420, 800, BLUE), "the loss panel below it is empty");
        assertTrue(count(b, 800, 1180, ORANGE) > 100, "val accuracy in the bottom panel");
    }

    /** A history with NaN where nothing was recorded (the iterations before a resume) draws the rest. */
    @Test
    void gradientsRecordedOnlyAfterAResumeAreDrawnWhereTheyBelong() {
        double[] grads = new double[400];
        Arrays.fill(grads, 0, 200, Double.NaN);
        for (int i = 200; i < 400; i++) {
            grads[i] = 1 + Math.sin(i / 10.0);
        }
        BufferedImage img = TrainingCurvesPlot.render(null, TRAIN, VAL, grads, null, 1000, 1140);
        assertTrue(countIn(img, 560, 1000, 0, 380, BLUE) > 200, "the recorded half, on the right");
        assertTrue(countIn(img, 0, 480, 0, 380, BLUE) < 20, "nothing over the iterations before the resume");
    }

    @Test
    void tenThousandPointLossHistorySpansTheWholeAxis() {
        double[] loss = noisyLoss(10_000, 3);
        BufferedImage img = TrainingCurvesPlot.render(loss, TRAIN, VAL, null, "10k", 1000, 800);
        // the downsampled curve still reaches from the first to the last iteration
        assertTrue(countIn(img, 0, 150, 40, 420, BLUE) > 100, "start of the curve");
        assertTrue(countIn(img, 850, 1000, 40, 420, BLUE) > 100, "end of the curve");
    }

    @Test
    void emptyHistoriesGiveEmptyPanelsInsteadOfThrowing() throws IOException {
        Path png = tmp.resolve("empty.png");
        TrainingCurvesPlot.write(png, new double[0], new double[0], new double[0], null, "");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(760, img.getHeight(), "no title: two panels of 380");
        assertEquals(0, count(img, 0, 800, BLUE));
        assertEquals(0, count(img, 0, 800, ORANGE));

        BufferedImage nulls = TrainingCurvesPlot.render(null, null, null, null, null, 1000, 800);
        assertEquals(0, count(nulls, 0, 800, BLUE));
    }

    @Test
    void nanEntriesAreSkippedAndAnAllNanHistoryIsAnEmptyPanel() {
        double[] loss = noisyLoss(400, 4);
        loss[0] = Double.NaN;
        loss[123] = Double.NaN;
        loss[399] = Double.POSITIVE_INFINITY;
        double[] val = VAL.clone();
        val[2] = Double.NaN;
        BufferedImage img = TrainingCurvesPlot.render(loss, TRAIN, val, null, "nan", 1000, 800);
        assertTrue(count(img, 40, 420, BLUE) > 500, "finite losses are still drawn");
        assertTrue(count(img, 420, 800, ORANGE) > 100, "finite val accuracies are still drawn");

        double[] allNan = {Double.NaN, Double.NaN, Double.NaN};
        BufferedImage none = TrainingCurvesPlot.render(allNan, TRAIN, allNan, null, "x", 1000, 800);
        assertEquals(0, count(none, 40, 420, BLUE), "all-NaN loss: empty top panel");
        assertEquals(0, count(none, 420, 800, ORANGE), "all-NaN val: no val curve");
        assertTrue(count(none, 420, 800, BLUE) > 100, "train curve still drawn");
    }

    @Test
    void finitePointsKeepsTheIndicesOfFiniteEntries() {
        double[][] p = TrainingCurvesPlot.finitePoints(
                new double[] {
                        Double.NaN, 2.0, Double.NEGATIVE_INFINITY, 3.0, 5.0, Double.NaN
                });
        assertArrayEquals(new double[] {1, 3, 4}, p[0]);
        assertArrayEquals(new double[] {2.0, 3.0, 5.0}, p[1]);
    }

    @Test
    void iterationLabelsAreMultiplesOfOneTwoOrFive() {
        assertEquals(200, TrainingCurvesPlot.niceStep(1599 / 8.0));
        assertEquals(20, TrainingCurvesPlot.niceStep(12.5));
        assertEquals(5, TrainingCurvesPlot.niceStep(2.5));
        assertEquals(1, TrainingCurvesPlot.niceStep(0.3));
        assertEquals(1, TrainingCurvesPlot.niceStep(-0.125), "a one-point history");
        assertEquals(1000, TrainingCurvesPlot.niceStep(4899 / 8.0), "cifar-10's 4,900 iterations: every 1,000");
    }

    @Test
    void tooSmallAFigureIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TrainingCurvesPlot.render(
                        new double[] {1}, TRAIN, VAL, null, "t", 1000, 200));
        assertTrue(e.getMessage().contains("1000x200"), e.getMessage());
    }

    @Test
    void renderingRunsHeadless() {
        TrainingCurvesPlot.render(new double[] {1, 2}, TRAIN, VAL, null, null, 400, 300);
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    // ---------------------------------------------------------------------------------------------

    private static double[] noisyLoss(int n, long seed) {
        Random r = new Random(seed);
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            loss[i] = 1.3 + Math.exp(-i * 5.0 / n) + 0.1 * r.nextGaussian();
        }
        return loss;
    }

    private static int count(BufferedImage img, int y0, int y1, IntPredicate colour) {
        return countIn(img, 0, img.getWidth(), y0, y1, colour);
    }

    private static int countIn(
            BufferedImage img, int x0, int x1, int y0, int y1, IntPredicate colour) {
        int c = 0;
        for (int y = y0; y < Math.min(y1, img.getHeight()); y++) {
            for (int x = x0; x < Math.min(x1, img.getWidth()); x++) {
                if (colour.test(img.getRGB(x, y))) {
                    c++;
                }
            }
        }
        return c;
    }

    private static int r(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int g(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    private static int b(int rgb) {
        return rgb & 0xff;
    }
}
