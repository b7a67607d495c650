package org.backprop4j.matrix;

/** Element-wise binary arithmetic, used for same-shape and broadcast operations. */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    /** The reference value of {@code a op b}. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
    }

    /** The operator as written in Python, e.g. {@code +}. */
    public String symbol() {
        return symbol;
    }
}
