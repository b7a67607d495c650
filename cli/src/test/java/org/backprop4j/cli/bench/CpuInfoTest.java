package org.backprop4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reading the processor's name from a /proc/cpuinfo text. */
class CpuInfoTest {

    private static final String TWO_PROCESSORS = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 26
            model\t\t: 2
            model name\t: AMD EPYC
            flags\t\t: fpu vme avx512f

            processor\t: 1
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 17
            model name\t: AMD EPYC 9654 96-Core Processor
            """;

    @Test
    void theFirstProcessorsModelFamilyAndNumber() {
        CpuInfo cpu = CpuInfo.parse(TWO_PROCESSORS, 2);
        assertEquals(new CpuInfo("AMD EPYC", "26", "2", 2), cpu);
        assertEquals("AMD EPYC (family 26, model 2), 2 cores", cpu.describe());
    }

    @Test
    void withoutAModelNameTheArchitectureStandsIn() {
        CpuInfo cpu = CpuInfo.parse("processor : 0\nBogoMIPS : 48.00\n", 1);
        assertEquals(System.getProperty("os.arch"), cpu.model());
        assertEquals(System.getProperty("os.arch") + ", 1 core", cpu.describe());
    }
}
