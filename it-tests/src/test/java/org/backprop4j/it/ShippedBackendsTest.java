package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.backprop4j.backend.Backend;
import org.junit.jupiter.api.Test;

/** The four backends this project ships are found through the SPI and start. */
class ShippedBackendsTest {

    @Test
    void allFourBackendsArePresentAndAvailable() {
        List<String> names = BackendsUnderTest.all().map(Backend::name).collect(Collectors.toList());
        assertTrue(names.containsAll(BackendsUnderTest.EXPECTED), names.toString());
    }
}
