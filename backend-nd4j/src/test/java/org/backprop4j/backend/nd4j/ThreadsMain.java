package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;

/**
 * Run in a child JVM by {@link Nd4jThreadsTest}: starts the nd4j backend through the registry, as a
 * user does, and prints the thread counts in force, or the reason the backend is unavailable.
 */
public final class ThreadsMain {

    private ThreadsMain() {
    }

    public static void main(String[] args) {
        BackendRegistry registry = BackendRegistry.load(ThreadsMain.class.getClassLoader());
        BackendInfo info = registry.list().stream().filter(i -> i.name().equals("nd4j")).findFirst().orElseThrow();
        if (!info.available()) {
            System.out.println("unavailable: " + info.reason());
            return;
        }
        Nd4jThreads t = Nd4jThreads.current();
        System.out.println(
                "products=" + t.products() + " openMp=" + t.openMp() + " openblas=" + Nd4jThreads.openBlasThreads());
    }
}
