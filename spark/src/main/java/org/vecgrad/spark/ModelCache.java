package org.vecgrad.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.onnx.OnnxModel;

/**
 * The models of this JVM (an executor, or the driver in local mode), so that tasks share them instead of each
 * building its own.
 *
 * <ul>
 *   <li>Inference ({@link #shared}): one model per key, built by the factory and loaded with the weights on first
 *       use, then shared by every task of the JVM ({@link Module#predict} is safe from many threads at once). The
 *       key is a digest of the serialized factory and of the weight bytes, so the same file scored with the same
 *       factory is loaded once however many tasks, stages or transformers ask. An ONNX model ({@link #sharedOnnx})
 *       is keyed by the digest of its file alone: the file holds the architecture too.</li>
 *   <li>Training ({@link #borrow}/{@link #giveBack}): a pool of models per factory, one per concurrently running
 *       task (training changes the model). A borrowed model carries whatever the last task left in it; tasks
 *       overwrite all of its state (parameters, buffers, gradients, random counters) before using it.</li>
 * </ul>
 */
final class ModelCache {
    /** Inference models by key: vecgrad Modules and OnnxModels (their keys start with "onnx/"). */
    private static final Map<String, Object> SHARED = new ConcurrentHashMap<>();
    private static final Map<String, Queue<Module>> POOLS = new ConcurrentHashMap<>();
    private static final AtomicLong LOADS = new AtomicLong();
    private static final AtomicLong BUILDS = new AtomicLong();

    private ModelCache() {
    }

    /** The shared inference model for {@code key}, built and loaded once per JVM. */
    static Module shared(String key, ModelFactory factory, Supplier<byte[]> weights) {
        return (Module) SHARED.computeIfAbsent(key, k -> {
            Module m = factory.create();
            m.loadStateDict(Blobs.arrays(weights.get()));
            LOADS.incrementAndGet();
            return m;
        });
    }

    /** The shared ONNX model for {@code key}, built from the file's bytes once per JVM. */
    static OnnxModel sharedOnnx(String key, Supplier<byte[]> onnxFile) {
        return (OnnxModel) SHARED.computeIfAbsent(key, k -> {
            OnnxModel m = BatchPredictor.onnxOf(onnxFile.get(), "the broadcast model " + key);
            LOADS.incrementAndGet();
            return m;
        });
    }

    /** A training model of the pool for {@code key} (built by the factory when the pool is empty). */
    static Module borrow(String key, ModelFactory factory) {
        Module m = POOLS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (m == null) {
            m = factory.create();
            BUILDS.incrementAndGet();
        }
        return m;
    }

    /** Returns a borrowed model to its pool. */
    static void giveBack(String key, Module m) {
        POOLS.get(key).add(m);
    }

    /** How many inference models this JVM has loaded from weights (for tests and monitoring). */
    static long loads() {
        return LOADS.get();
    }

    /** How many training models this JVM has built for its pools. */
    static long builds() {
        return BUILDS.get();
    }

    /** A hex SHA-256 of {@code object}'s Java serialization (a factory lambda's class and captured values). */
    static String digestOf(java.io.Serializable object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(object.getClass().getName() + " is not serializable (it captures a "
                    + e.getMessage() + "): executors get the factory by Java serialization", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digestOf(bytes.toByteArray());
    }

    /** A hex SHA-256 of {@code bytes}. */
    static String digestOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
