package org.backprop4j.models.grader;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.backprop4j.backend.Backend;
import org.backprop4j.kernel.Kernels;

/**
 * Grades a student's functions one by one, each on a thread of its own with a time limit, so that a function
 * that throws, loops or runs out of memory gets its own line and the others are still graded. A thread that
 * does not return in time is interrupted and left behind (a daemon: it ends with the program); a Java thread
 * cannot be stopped safely from outside.
 */
public final class Grader {

    /** The default time limit per function. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

    private final Backend backend;
    private final Duration timeLimit;

    /**
     * @param backend   the backend the inputs are made on (float64)
     * @param timeLimit the most time one function's grading may take
     */
    public Grader(Backend backend, Duration timeLimit) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("the time limit per function must be positive, got " + timeLimit
                    + ".");
        }
        this.backend = backend;
        this.timeLimit = timeLimit;
    }

    /** Grades every {@link Exercises#all() exercise}. */
    public GradeReport grade(StudentCode student) {
        return grade(student, Exercises.all(), g -> {
        });
    }

    /** Grades every exercise, telling {@code progress} each grade as soon as it is known. */
    public GradeReport grade(StudentCode student, Consumer<FunctionGrade> progress) {
        return grade(student, Exercises.all(), progress);
    }

    /** Grades the given exercises, in order. */
    public GradeReport grade(StudentCode student, List<Exercise> exercises) {
        return grade(student, exercises, g -> {
        });
    }

    private GradeReport grade(StudentCode student, List<Exercise> exercises, Consumer<FunctionGrade> progress) {
        List<FunctionGrade> grades = new ArrayList<>();
        for (Exercise e : exercises) {
            FunctionGrade g = gradeOne(student, e);
            progress.accept(g);
            grades.add(g);
        }
        return new GradeReport(student.origin(), grades);
    }

    private FunctionGrade gradeOne(StudentCode student, Exercise exercise) {
        String inherited = inherited(student, exercise.kernelsMethod());
        if (inherited != null) {
            return new FunctionGrade(exercise.function(), Status.TODO, null, inherited, 0);
        }
        AtomicReference<Exercise.Outcome> outcome = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(exercise.grade(student, backend));
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "grade " + exercise.function());
        t.setDaemon(true);
        long start = System.nanoTime();
        t.start();
        try {
            t.join(timeLimit.toMillis());
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted at " + exercise.function() + ".", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String fn = exercise.function();
        if (t.isAlive()) {
            t.interrupt();
            return new FunctionGrade(fn, Status.TIMEOUT, null, "did not return within the time limit of "
                    + seconds(timeLimit) + " (an endless loop?); left running, the other functions are graded.",
                    seconds);
        }
        Throwable e = thrown.get();
        if (e == null) {
            Exercise.Outcome o = outcome.get();
            return new FunctionGrade(fn, o.blame() == null ? Status.PASS : Status.FAIL, o.line(), o.blame(),
                    seconds);
        }
        if (e instanceof UnsupportedOperationException) {
            String message = e.getMessage();
            return new FunctionGrade(fn, Status.TODO, null, message == null || message.equals("TODO: " + fn)
                    ? "not written yet"
                    : "not written yet (" + message + ")", seconds);
        }
        if (e instanceof OutOfMemoryError) {
            return new FunctionGrade(fn, Status.OUT_OF_MEMORY, null, "ran out of memory (" + e.getMessage()
                    + "): it allocates far more than its inputs need.", seconds);
        }
        if (e instanceof StackOverflowError) {
            return new FunctionGrade(fn, Status.ERROR, null, "recursed without end (StackOverflowError)"
                    + where(e, student) + ".", seconds);
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        return new FunctionGrade(fn, Status.ERROR, null, "threw " + e.getClass().getSimpleName() + message
                + where(e, student) + ".", seconds);
    }

    /**
     * Why the method counts as not written when the student's class does not override it (its body would be
     * {@code Kernels}' default, the reference), else {@code null}.
     */
    private static String inherited(StudentCode student, Method method) {
        if (method == null || student.defaultsCount()) {
            return null;
        }
        Class<?> c = student.kernels().getClass();
        try {
            if (c.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass() != Kernels.class) {
                return null;
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(c + " lacks " + method, e);
        }
        return "not written: " + c.getSimpleName() + " does not override " + method.getName() + " (Kernels' own "
                + "default, the reference, is not graded).";
    }

    /** The student's line the exception came from, if it came from the student's classes. */
    private static String where(Throwable e, StudentCode student) {
        List<String> classes = new ArrayList<>();
        classes.add(student.kernels().getClass().getName());
        if (student.net() != null) {
            classes.add(student.net().getClass().getName());
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            for (String c : classes) {
                if (frame.getClassName().startsWith(c)) {
                    return " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ", in "
                            + frame.getMethodName() + ")";
                }
            }
        }
        return "";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3g s", d.toMillis() / 1e3);
    }
}
