package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.UnknownBackendException;

/**
 * Run in a child JVM by {@link Nd4jProviderTest}: lists the backends the registry sees, one line
 * each, then asks for {@code nd4j}. It must finish normally whatever ND4J does.
 */
public final class ListBackendsMain {

    private ListBackendsMain() {
    }

    public static void main(String[] args) {
        BackendRegistry registry = BackendRegistry.load(ListBackendsMain.class.getClassLoader());
        System.out.println("names=" + registry.names());
        for (BackendInfo info : registry.list()) {
            System.out.println("info " + info.name() + " available=" + info.available() + " reason=" + info.reason());
        }
        try {
            registry.get("nd4j");
            System.out.println("get nd4j: ok");
        } catch (UnknownBackendException e) {
            System.out.println("get nd4j: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.out.println("done");
    }
}
