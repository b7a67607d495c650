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

    // ------------------------------------------------------------------ cs231n ConvolutionalNetworks.ipynb

    /**
     * "Convolution: Naive forward pass": {@code correct_out} of {@code conv_forward_naive} on the linspace setup (x
     * (2, 3, 4, 4), w (3, 3, 4, 4), stride 2, pad 1), shape (2, 3, 2, 2), as 2 rows of C*H*W values (C order).
     */
    public static double[][] convForwardCorrectOut() {
        return new double[][] {
                {-0.08759809, -0.10987781, -0.18387192, -0.2109216, 0.21027089, 0.21661097, 0.22847626, 0.23004637,
                        0.50813986, 0.54309974, 0.64082444, 0.67101435},
                {-0.98053589, -1.03143541, -1.19128892, -1.24695841, 0.69108355, 0.66880383, 0.59480972, 0.56776003,
                        2.36270298, 2.36904306, 2.38090835, 2.38247847}};
    }

    /** "Convolution: Naive forward pass": the printed {@code rel_error(out, correct_out)}. */
    public static final double CONV_FORWARD_ERROR_PRINTED = 2.2121476417505994e-08;

    /** "Convolution: Naive backward pass" ({@code np.random.seed(231)}): the printed {@code dx error}. */
    public static final double CONV_BACKWARD_DX_ERROR_PRINTED = 1.159803161159293e-08;

    /** "Convolution: Naive backward pass": the printed {@code dw error}. */
    public static final double CONV_BACKWARD_DW_ERROR_PRINTED = 2.2471264748452487e-10;

    /** "Convolution: Naive backward pass": the printed {@code db error}. */
    public static final double CONV_BACKWARD_DB_ERROR_PRINTED = 3.37264006649648e-11;

    /**
     * "Max-Pooling: Naive forward": {@code correct_out} of {@code max_pool_forward_naive} on x (2, 3, 4, 4)
     * linspace(-0.3, 0.4), 2x2 stride 2, shape (2, 3, 2, 2), as 2 rows of C*H*W values.
     */
    public static double[][] maxPoolForwardCorrectOut() {
        return new double[][] {
                {-0.26315789, -0.24842105, -0.20421053, -0.18947368, -0.14526316, -0.13052632, -0.08631579,
                        -0.07157895, -0.02736842, -0.01263158, 0.03157895, 0.04631579},
                {0.09052632, 0.10526316, 0.14947368, 0.16421053, 0.20842105, 0.22315789, 0.26736842, 0.28210526,
                        0.32631579, 0.34105263, 0.38526316, 0.4}};
    }

    /** "Max-Pooling: Naive forward": the printed {@code rel_error(out, correct_out)}. */
    public static final double MAX_POOL_FORWARD_ERROR_PRINTED = 4.1666665157267834e-08;

    /** "Max-Pooling: Naive backward" ({@code np.random.seed(231)}): the printed {@code dx error}. */
    public static final double MAX_POOL_BACKWARD_DX_ERROR_PRINTED = 3.27562514223145e-12;

    /**
     * "Fast layers": the printed {@code rel_error} of {@code conv_forward_fast} against {@code conv_forward_naive}
     * on x (100, 3, 31, 31), w (25, 3, 3, 3), stride 2, pad 1; the issue quotes 4.9e-11 from another run.
     */
    public static final double CONV_FAST_FORWARD_DIFFERENCE_PRINTED = 4.926407851494105e-11;

    /** "Fast layers": the printed {@code dx difference} of {@code conv_backward_fast} against the naive one. */
    public static final double CONV_FAST_BACKWARD_DX_DIFFERENCE_PRINTED = 1.949764775345631e-11;

    /** "Fast layers": the printed {@code dw difference} (the issue quotes 4.1e-13 from another run). */
    public static final double CONV_FAST_BACKWARD_DW_DIFFERENCE_PRINTED = 5.188375174206562e-13;

    /** "Fast layers": the printed {@code db difference} (the issue quotes 0 from another run). */
    public static final double CONV_FAST_BACKWARD_DB_DIFFERENCE_PRINTED = 3.481354613192702e-14;

    /**
     * "Convolutional sandwich layers": the printed {@code dx}, {@code dw}, {@code db} errors of
     * {@code conv_relu_pool} (x (2, 3, 16, 16), seed 231), in that order. Rounding noise of cs231n's fast layers.
     */
    public static double[] convReluPoolErrorsPrinted() {
        return new double[] {5.828178746516271e-09, 8.443628091870788e-09, 3.57960501324485e-10};
    }

    /** "Convolutional sandwich layers": the printed dx, dw, db errors of {@code conv_relu} (x (2, 3, 8, 8)). */
    public static double[] convReluErrorsPrinted() {
        return new double[] {3.5600610115232832e-09, 2.2497700915729298e-10, 1.3087619975802167e-10};
    }

    /**
     * "Sanity check loss": {@code ThreeLayerConvNet()} (the assignment's float32 default) on N = 50 random
     * (3, 32, 32) inputs, no regularization; log(10) = 2.302585...
     */
    public static final double THREE_LAYER_CONVNET_INITIAL_LOSS_PRINTED = 2.302586071243987;

    /** "Sanity check loss": the same with {@code model.reg = 0.5}. */
    public static final double THREE_LAYER_CONVNET_INITIAL_LOSS_REG_PRINTED = 2.508255638232932;

    /**
     * "Gradient check" of {@code ThreeLayerConvNet(num_filters=3, filter_size=3, input_dim=(3, 16, 16),
     * hidden_dim=7, dtype=np.float64)}: the printed max relative errors of W1, W2, W3, b1, b2, b3 ({@code h=1e-6});
     * the notebook says "correct implementations may have relative errors up to the order of e-2".
     */
    public static double[] threeLayerConvNetGradErrorsPrinted() {
        return new double[] {1.380104e-04, 1.822723e-02, 3.064049e-04, 3.477652e-05, 2.516375e-03, 7.945660e-10};
    }

    /** "Spatial batch normalization: forward": the printed per-channel means of x before normalization. */
    public static double[] spatialBatchnormMeansBefore() {
        return new double[] {9.33463814, 8.90909116, 9.11056338};
    }

    /** "Spatial batch normalization: forward": the printed per-channel stds of x before normalization. */
    public static double[] spatialBatchnormStdsBefore() {
        return new double[] {3.61447857, 3.19347686, 3.5168142};
    }

    /** "Spatial batch normalization: forward": the printed stds after, gamma ones, beta zeros. */
    public static double[] spatialBatchnormStdsAfter() {
        return new double[] {0.99999962, 0.99999951, 0.9999996};
    }

    /** "Spatial batch normalization: forward": the printed stds after, gamma [3, 4, 5], beta [6, 7, 8]. */
    public static double[] spatialBatchnormStdsAfterGammaBeta() {
        return new double[] {2.99999885, 3.99999804, 4.99999798};
    }

    /** "Spatial batch normalization: forward", test time after 50 training passes: the printed means. */
    public static double[] spatialBatchnormTestTimeMeans() {
        return new double[] {-0.08034406, 0.07562881, 0.05716371, 0.04378383};
    }

    /** The same cell: the printed stds. */
    public static double[] spatialBatchnormTestTimeStds() {
        return new double[] {0.96718744, 1.0299714, 1.02887624, 1.00585577};
    }

    /** "Spatial batch normalization: backward": the printed dx, dgamma, dbeta errors, in that order. */
    public static double[] spatialBatchnormBackwardErrorsPrinted() {
        return new double[] {2.786648197756335e-07, 7.0974817113608705e-12, 3.275608725278405e-12};
    }

    /** "Group normalization: forward" (G = 2): the printed means of x per (sample, group) before normalization. */
    public static double[] spatialGroupnormMeansBefore() {
        return new double[] {9.72505327, 8.51114185, 8.9147544, 9.43448077};
    }

    /** "Group normalization: forward": the printed stds per (sample, group) before normalization. */
    public static double[] spatialGroupnormStdsBefore() {
        return new double[] {3.67070958, 3.09892597, 4.27043622, 3.97521327};
    }

    /** "Spatial group normalization: backward": the printed dx, dgamma, dbeta errors, in that order. */
    public static double[] spatialGroupnormBackwardErrorsPrinted() {
        return new double[] {5.069515432858822e-08, 3.891606265500656e-12, 1.3112820990521168e-11};
    }
}
