package org.backprop4j.backend.pure.simd;

/** One thread's buffers for the vectorised products: packed panels and register tiles, grown on demand and reused. */
final class Workspace {

    private static final ThreadLocal<Workspace> OF_THREAD = ThreadLocal.withInitial(Workspace::new);

    /** Packed op(B), float64 and float32. */
    double[] packedD = new double[0];
    float[] packedF = new float[0];
    /** One register tile (6 rows of 4 vectors), float64 and float32. */
    final double[] tileD = new double[PanelProduct.MR * PanelProduct.VECTORS * DoubleProduct.LANES];
    final float[] tileF = new float[PanelProduct.MR * PanelProduct.VECTORS * FloatProduct.LANES];

    private Workspace() {
    }

    /** The calling thread's workspace. */
    static Workspace get() {
        return OF_THREAD.get();
    }

    /** The float64 packing buffer, at least {@code size} long. */
    double[] packedD(int size) {
        if (packedD.length < size) {
            packedD = new double[size];
        }
        return packedD;
    }

    /** The float32 packing buffer, at least {@code size} long. */
    float[] packedF(int size) {
        if (packedF.length < size) {
            packedF = new float[size];
        }
        return packedF;
    }
}
