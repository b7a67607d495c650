package org.backprop4j.models.grader;

import java.util.List;

/**
 * Every function's grade, in the notebooks' order.
 *
 * @param origin what was graded (the jar's path)
 * @param grades one per function
 */
public record GradeReport(String origin, List<FunctionGrade> grades) {

    /** Copies the list. */
    public GradeReport {
        grades = List.copyOf(grades);
    }

    /** Whether every function passed. */
    public boolean passed() {
        return grades.stream().allMatch(FunctionGrade::passed);
    }

    /** How many functions have the given status. */
    public long count(Status status) {
        return grades.stream().filter(g -> g.status() == status).count();
    }

    /** The grade of {@code function}. */
    public FunctionGrade get(String function) {
        return grades.stream().filter(g -> g.function().equals(function)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + function + " was graded."));
    }
}
