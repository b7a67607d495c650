package org.backprop4j.models.grader;

import java.util.List;
import java.util.function.BiFunction;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.Kernels;

/** The graded notebook functions, in the notebooks' order, and the reference they are held to. */
public final class Exercises {

    /** The reference: the kernels built from {@code Matrix} operations, the project's one copy of each formula. */
    static final Kernels REFERENCE = Kernels.DEFAULT;

    private Exercises() {
    }

    /** Every exercise: the layers of {@code layers.py}, then {@code TwoLayerNet.loss}. */
    public static List<Exercise> all() {
        return List.of(
                of("affine_forward", LayerExercises::affineForward),
                of("affine_backward", LayerExercises::affineBackward),
                of("relu_forward", LayerExercises::reluForward),
                of("relu_backward", LayerExercises::reluBackward),
                of("softmax_loss", LossExercises::softmaxLoss),
                of("svm_loss", LossExercises::svmLoss),
                of("batchnorm_forward", BatchnormExercises::batchnormForward),
                of("batchnorm_backward", BatchnormExercises::batchnormBackward),
                of("dropout_forward", DropoutExercises::dropoutForward),
                of("dropout_backward", DropoutExercises::dropoutBackward),
                of(NetLossExercise.FUNCTION, NetLossExercise::grade));
    }

    private static Exercise of(String function, BiFunction<StudentCode, Backend, Exercise.Outcome> grade) {
        return new Exercise() {
            @Override
            public String function() {
                return function;
            }

            @Override
            public Exercise.Outcome grade(StudentCode student, Backend backend) {
                return grade.apply(student, backend);
            }
        };
    }
}
