/**
 * vecgrad onnx: reads ONNX model files with a protobuf reader of its own (no runtime dependency) and runs their
 * graphs for inference on vecgrad's arrays. See the package documentation of {@code org.vecgrad.onnx}.
 */
module org.vecgrad.onnx {
    requires transitive org.vecgrad.nn;

    exports org.vecgrad.onnx;
    exports org.vecgrad.onnx.export;
}
