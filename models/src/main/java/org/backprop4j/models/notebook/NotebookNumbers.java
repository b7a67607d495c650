package org.backprop4j.models.notebook;

/**
 * The numbers the coursework notebooks print, in one place: {@link NotebookChecks} (and so
 * {@code backprop4j check}) compares with them and the tests assert them. Each names the notebook (by the
 * seed number of the project's copy) and the cell that prints it. Arrays are returned as fresh copies.
 */
public final class NotebookNumbers {

    private NotebookNumbers() {
    }

    // ------------------------------------------------------------------ cs231n two_layer_net.ipynb (seeds 003, 004)

    /** "Forward pass: compute scores": {@code correct_scores} of {@code init_toy_model()} on {@code init_toy_data()}, (5, 3). */
    public static double[][] toyCorrectScores() {
        return new double[][] {
                {-0.81233741, -1.27654624, -0.70335995},
                {-0.17129677, -1.18803311, -0.47310444},
                {-0.51590475, -1.01354314, -0.8504215},
                {-0.15419291, -0.48629638, -0.52901952},
                {-0.00618733, -0.12435261, -0.15226949}};
    }

    /** "Forward pass: compute scores": the printed {@code np.sum(np.abs(scores - correct_scores))} (seed 003). */
    public static final double TOY_SCORES_DIFFERENCE_PRINTED = 3.6802720745909845e-08;

    /** "Forward pass: compute loss": {@code correct_loss} of {@code net.loss(X, y, reg=0.05)}. */
    public static final double TOY_CORRECT_LOSS = 1.30378789133;

    /** The {@code reg} of {@link #TOY_CORRECT_LOSS}. */
    public static final double TOY_REG = 0.05;

    /**
     * "Train the network": the printed {@code Final training loss} of {@code net.train(X, y, X, y,
     * learning_rate=1e-1, reg=5e-6, num_iters=100)} on the toy model (seed 003).
     */
    public static final double TOY_FINAL_TRAINING_LOSS = 0.017149607938732048;

    // ------------------------------------------------------------------ nndl two-layer notebook (seed 001)

    /** "Compute forward pass scores": {@code correct_scores} of nndl's toy {@code TwoLayerNet} (W1 stored (H, D)), (5, 3). */
    public static double[][] nndlToyCorrectScores() {
        return new double[][] {
                {-1.07260209, 0.05083871, -0.87253915},
                {-2.02778743, -0.10832494, -1.52641362},
                {-0.74225908, 0.15259725, -0.39578548},
                {-0.38172726, 0.10835902, -0.17328274},
                {-0.64417314, -0.18886813, -0.41106892}};
    }

    /** "Forward pass loss": {@code correct_loss} of nndl's toy {@code net.loss(X, y, reg=0.05)}. */
    public static final double NNDL_TOY_CORRECT_LOSS = 1.071696123862817;

    // ------------------------------------------------------------------ nndl FullyConnectedNets notebook (seed 001)

    /** "Affine layer forward pass": {@code correct_out} of {@code affine_forward} on the linspace inputs, (2, 3). */
    public static double[][] affineCorrectOut() {
        return new double[][] {
                {1.49834967, 1.70660132, 1.91485297},
                {3.25553199, 3.5141327, 3.77273342}};
    }

    /** "Affine layer forward pass": the printed {@code rel_error(out, correct_out)}. */
    public static final double AFFINE_FORWARD_ERROR_PRINTED = 9.769849468192957e-10;

    /**
     * "Implementation of a two-layer NN": {@code correct_scores} of {@code fc_net.TwoLayerNet(input_dim=5,
     * hidden_dims=50, num_classes=7)} with linspace parameters on the linspace {@code X}, (3, 7).
     */
    public static double[][] linspaceCorrectScores() {
        return new double[][] {
                {11.53165108, 12.2917344, 13.05181771, 13.81190102, 14.57198434, 15.33206765, 16.09215096},
                {12.05769098, 12.74614105, 13.43459113, 14.1230412, 14.81149128, 15.49994135, 16.18839143},
                {12.58373087, 13.20054771, 13.81736455, 14.43418138, 15.05099822, 15.66781506, 16.2846319}};
    }

    /** "Implementation of a two-layer NN": {@code correct_loss} without regularization, {@code y = [0, 5, 1]}. */
    public static final double LINSPACE_CORRECT_LOSS = 3.4702243556;

    /** "Implementation of a two-layer NN": {@code correct_loss} with {@code model.reg = 1.0}. */
    public static final double LINSPACE_CORRECT_LOSS_REG_1 = 26.5948426952;

    // ------------------------------------------------------------------ TwoLayerMLP notebook (seed 002)

    /** {@code In [4]}: the printed {@code net.loss(X, y, reg=0.1)} of {@code init_toy_model('sigmoid')}. */
    public static final double MLP_SIGMOID_TOY_LOSS = 1.1822479803941373;

    /** {@code In [9]}: the printed {@code net.loss(X, y, reg=0.1)} of {@code init_toy_model('relu', std=1e-1)}. */
    public static final double MLP_RELU_TOY_LOSS = 1.3037878913298202;

    /** The {@code reg} of the TwoLayerMLP toy losses. */
    public static final double MLP_TOY_REG = 0.1;

    /** {@code In [8]}: the printed {@code Final training loss} of the sigmoid net ({@code learning_rate=0.5, reg=1e-5, num_epochs=100}). */
    public static final double MLP_SIGMOID_FINAL_TRAINING_LOSS = 0.10926794610680679;

    /** {@code In [10]}: the printed {@code Final training loss} of the ReLU net ({@code learning_rate=0.1, reg=1e-5, num_epochs=50}). */
    public static final double MLP_RELU_FINAL_TRAINING_LOSS = 0.0178562204869839;

    // ------------------------------------------------------------------ cs231n FullyConnectedNets.ipynb, np.random.seed(231)

    /** "Loss layers: softmax and SVM": the printed {@code softmax_loss} (NumPy recomputes 2.302545844500738). */
    public static final double SOFTMAX_LOSS_PRINTED = 2.3025458445;

    /** "Loss layers: softmax and SVM": the printed {@code svm_loss} (NumPy recomputes 8.999602749096233). */
    public static final double SVM_LOSS_PRINTED = 8.9996027491;

    /**
     * "Affine layer: backward": the printed {@code dx error}, to three digits. Errors of numeric gradients are
     * rounding noise: each backend's summation order gives its own (NumPy with OpenBLAS prints 5.4e-11).
     */
    public static final double AFFINE_DX_ERROR_PRINTED = 1.09e-10;

    /** "ReLU activation: backward": the printed {@code dx error}, to three digits. */
    public static final double RELU_DX_ERROR_PRINTED = 3.28e-12;

    /** "Sandwich layers": the printed {@code dw error} of {@code affine_relu_backward}, to three digits. */
    public static final double AFFINE_RELU_DW_ERROR_PRINTED = 8.16e-11;

    /** "ReLU activation: forward": {@code correct_out} of {@code relu_forward} on {@code np.linspace(-0.5, 0.5, num=12).reshape(3, 4)}. */
    public static double[][] reluCorrectOut() {
        return new double[][] {
                {0., 0., 0., 0.},
                {0., 0., 0.04545455, 0.13636364},
                {0.22727273, 0.31818182, 0.40909091, 0.5}};
    }
}
