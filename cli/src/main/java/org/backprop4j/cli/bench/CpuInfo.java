package org.backprop4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The processor the figures were measured on, from {@code /proc/cpuinfo} (Linux): its model name,
 * family and model number (e.g. {@code AMD EPYC}, family 26 is Zen 5), and the cores the JVM may use.
 *
 * @param model  the model name, or the OS architecture where {@code /proc/cpuinfo} is not readable
 * @param family the CPU family, or empty
 * @param number the model number within the family, or empty
 * @param cores  {@link Runtime#availableProcessors()}
 */
public record CpuInfo(String model, String family, String number, int cores) {

    /** This machine's. */
    public static CpuInfo current() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")), cores);
        } catch (IOException | RuntimeException e) {
            return new CpuInfo(System.getProperty("os.arch"), "", "", cores);
        }
    }

    /** The first processor's {@code model name}, {@code cpu family} and {@code model} in a {@code /proc/cpuinfo} text. */
    static CpuInfo parse(String cpuinfo, int cores) {
        String model = null;
        String family = "";
        String number = "";
        for (String line : cpuinfo.split("\\R")) {
            if (line.isBlank() && model != null) {
                break; // the end of the first processor's block
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "model name" -> model = value;
                case "cpu family" -> family = value;
                case "model" -> number = value;
                default -> {
                }
            }
        }
        return new CpuInfo(model == null ? System.getProperty("os.arch") : model, family, number, cores);
    }

    /** E.g. {@code AMD EPYC (family 26, model 2), 2 cores}. */
    public String describe() {
        String detail = family.isEmpty()
                ? ""
                : " (family " + family + (number.isEmpty() ? "" : ", model " + number) + ")";
        return model + detail + ", " + cores + (cores == 1 ? " core" : " cores");
    }
}
