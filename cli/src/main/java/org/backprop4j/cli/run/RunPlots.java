package org.backprop4j.cli.run;

import java.io.IOException;

import org.backprop4j.cli.plot.TrainingCurvesPlot;
import org.backprop4j.cli.plot.WeightGridImage;
import org.backprop4j.datasets.image.ImageGeometry;
import org.backprop4j.matrix.Matrix;
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
        if (geometry != null && model.params().has("W1")) {
            Matrix w1 = model.params().get("W1");
            if (w1.rows() == geometry.pixels()) {
                WeightGridImage.write(folder.file(RunFolder.WEIGHTS), w1.toArray(), w1.rows(), w1.cols(),
                        geometry.height(), geometry.width(), geometry.channels());
            }
        }
    }
}
