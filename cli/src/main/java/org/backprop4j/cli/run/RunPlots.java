package org.backprop4j.cli.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

import org.backprop4j.cli.plot.TrainingCurvesPlot;
import org.backprop4j.cli.plot.WeightGridImage;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.models.Model;

/** The run folder's pictures: the notebooks' loss/accuracy curves and {@code show_net_weights}. */
public final class RunPlots {

    private RunPlots() {
    }

    /**
     * Writes {@code curves.png} (with a gradient-magnitude panel when {@code gradMagnitude} is not null), and
     * {@code weights.png} when the rows are images and the model's {@code W1} has one row per pixel value
     * (shape (D, H)).
     */
    public static void write(RunFolder folder, double[] loss, double[] trainAcc, double[] valAcc,
            double[] gradMagnitude,
            Model model, ImageGeometry geometry, String title) throws IOException {
        TrainingCurvesPlot.write(folder.file(RunFolder.CURVES), loss, trainAcc, valAcc, gradMagnitude, title);
        Optional<BufferedImage> weights = WeightGridImage.firstLayer(model, geometry);
        if (weights.isPresent()) {
            WeightGridImage.write(folder.file(RunFolder.WEIGHTS), weights.get());
        }
    }
}
