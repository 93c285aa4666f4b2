package org.vecgrad.probe;

import org.vecgrad.engine.kernel.Kernels;

/**
 * Prints the backend the provider chose; run in child JVMs by KernelsProviderTest. It lives outside the engine's
 * packages so that it can sit on the class path while the engine is on the module path.
 */
public final class PrintBackend {
    private PrintBackend() {
    }

    public static void main(String[] args) {
        System.out.println("ACTIVE=" + Kernels.active().name() + " lanes=" + Kernels.active().floatLanes());
    }
}
