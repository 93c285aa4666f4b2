package org.vecgrad.autodiff;

/**
 * The record of one operation in the graph: its name, inputs and one backward rule per input. A leaf tensor has no
 * node. After a backward pass without retainGraph the rules (and what they captured) and the inputs are dropped and
 * {@link #released} is set, so a loss kept for logging does not keep every intermediate array alive.
 */
final class Node {
    final String op;
    Tensor[] inputs;
    BackwardRule[] rules;
    boolean released;
    /** Where the forward ran, recorded only in anomaly mode (a Throwable is the cheapest stack capture). */
    final Throwable createdAt;

    Node(String op, Tensor[] inputs, BackwardRule[] rules, Throwable createdAt) {
        this.op = op;
        this.inputs = inputs;
        this.rules = rules;
        this.createdAt = createdAt;
    }

    private static final Tensor[] NONE = new Tensor[0];

    /** Drops what the backward pass needed; the node keeps its name, and {@link #released} tells later passes. */
    void release() {
        rules = null;
        inputs = NONE;
        released = true;
    }
}
