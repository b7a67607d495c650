package org.backprop4j.models.grader;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.BiFunction;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.AffineCache;
import org.backprop4j.kernel.BatchnormCache;
import org.backprop4j.kernel.BatchnormParam;
import org.backprop4j.kernel.DropoutCache;
import org.backprop4j.kernel.DropoutParam;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.ReluCache;
import org.backprop4j.matrix.Matrix;
import org.backprop4j.random.NumpyRandom;

/** The graded notebook functions, in the notebooks' order, and the reference they are held to. */
public final class Exercises {

    /** The reference: the kernels built from {@code Matrix} operations, the project's one copy of each formula. */
    static final Kernels REFERENCE = Kernels.DEFAULT;

    private Exercises() {
    }

    /** Every exercise: the layers of {@code layers.py}, then {@code TwoLayerNet.loss}. */
    public static List<Exercise> all() {
        return List.of(
                of("affine_forward", method("affineForward", Matrix.class, Matrix.class, Matrix.class),
                        LayerExercises::affineForward),
                of("affine_backward", method("affineBackward", Matrix.class, AffineCache.class),
                        LayerExercises::affineBackward),
                of("relu_forward", method("reluForward", Matrix.class), LayerExercises::reluForward),
                of("relu_backward", method("reluBackward", Matrix.class, ReluCache.class),
                        LayerExercises::reluBackward),
                of("softmax_loss", method("softmaxLoss", Matrix.class, int[].class), LossExercises::softmaxLoss),
                of("svm_loss", method("svmLoss", Matrix.class, int[].class), LossExercises::svmLoss),
                of("batchnorm_forward",
                        method("batchnormForward", Matrix.class, Matrix.class, Matrix.class, BatchnormParam.class),
                        BatchnormExercises::batchnormForward),
                of("batchnorm_backward", method("batchnormBackward", Matrix.class, BatchnormCache.class),
                        BatchnormExercises::batchnormBackward),
                of("dropout_forward", method("dropoutForward", Matrix.class, DropoutParam.class, NumpyRandom.class),
                        DropoutExercises::dropoutForward),
                of("dropout_backward", method("dropoutBackward", Matrix.class, DropoutCache.class),
                        DropoutExercises::dropoutBackward),
                of(NetLossExercise.FUNCTION, null, NetLossExercise::grade));
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return Kernels.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Kernels has no method " + name + ".", e);
        }
    }

    private static Exercise of(String function, Method method,
            BiFunction<StudentCode, Backend, Exercise.Outcome> grade) {
        return new Exercise() {
            @Override
            public String function() {
                return function;
            }

            @Override
            public Method kernelsMethod() {
                return method;
            }

            @Override
            public Exercise.Outcome grade(StudentCode student, Backend backend) {
                return grade.apply(student, backend);
            }
        };
    }
}
