package org.vecgrad.autodiff;

/**
 * The record of one operation in the graph: its name, inputs and one backward rule per input. A leaf tensor has no
 * node. After a backward pass without retainGraph the rules (and what they captured) are dropped and
 * {@link #released} is set; the inputs stay so the graph can still be printed.
 */
final class Node {
    final String op;
    final Tensor[] inputs;
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
}
