package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnomalyTest {

    @AfterEach
    void off() {
        Autograd.setDetectAnomaly(false);
    }

    @Test
    void theFirstForwardProducingNanIsNamed() {
        Tensor x = Tensor.of(1.0, -1.0).requiresGrad(true);
        Autograd.setDetectAnomaly(true);
        Tensor y = x.mul(2.0);                                           // fine
        AnomalyException e = assertThrows(AnomalyException.class, () -> y.log().exp());
        assertEquals("log", e.op());
        assertFalse(e.inBackward());
        assertTrue(e.getMessage().contains("'log'") && e.getMessage().contains("NaN")
                && e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void theBackwardProducingInfIsNamedWithWhereItsForwardRan() {
        Tensor x = Tensor.of(0.0, 4.0).requiresGrad(true);
        try (var _ = Autograd.detectAnomaly()) {
            Tensor loss = x.sqrt().mul(3.0).sum();                       // sqrt(0) = 0 is fine going forward
            AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
            assertEquals("sqrt", e.op());
            assertTrue(e.inBackward());
            assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
            assertNotNull(e.getCause(), "anomaly mode records where the forward ran");
            boolean fromThisTest = false;
            for (StackTraceElement el : e.getCause().getStackTrace()) {
                fromThisTest |= el.getMethodName().contains("theBackwardProducingInf");
            }
            assertTrue(fromThisTest);
        }
        assertFalse(Autograd.isDetectAnomalyEnabled(), "the scope restores");
    }

    @Test
    void aNanAlreadyInTheDataIsToldApart() {
        Tensor x = Tensor.of(1.0, Double.NaN).requiresGrad(true);
        try (var _ = Autograd.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> x.exp());
            assertTrue(e.getMessage().contains("already held NaN"), e.getMessage());
        }
    }

    @Test
    void withoutAnomalyModeNonFiniteValuesPassSilently() {
        Tensor x = Tensor.of(0.0, 4.0).requiresGrad(true);
        x.sqrt().sum().backward();
        assertEquals(Double.POSITIVE_INFINITY, x.grad().data().getFlat(0));
        assertEquals(0.25, x.grad().data().getFlat(1), 0.0);
    }
}
