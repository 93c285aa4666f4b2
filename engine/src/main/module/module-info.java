/**
 * vecgrad engine: dense F32/F64 arrays and their kernels (elementwise, reductions, softmax, GEMM), in a Vector API
 * implementation and a scalar reference. Module-path users need no {@code --add-modules}: this module requires the
 * incubator module itself. Class-path users pass {@code --add-modules jdk.incubator.vector} (without it the engine
 * falls back to the scalar kernels and logs why).
 */
module org.vecgrad.engine {
    requires jdk.incubator.vector;
    requires java.management;

    exports org.vecgrad.engine;
    exports org.vecgrad.engine.kernel;
    exports org.vecgrad.engine.nn;
}
