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
        switch (this) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            default:
                return a / b;
        }
    }

    /** The operator as written in Python, e.g. {@code +}. */
    public String symbol() {
        return symbol;
    }
}
