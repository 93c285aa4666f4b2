/**
 * Attention: {@link org.vecgrad.nn.attention.Attention#scaledDotProduct} (softmax(q·kᵀ/√d + mask)·v with
 * additive, boolean or causal masks), {@link org.vecgrad.nn.attention.MultiheadAttention} with PyTorch's parameters (the
 * packed {@code in_proj_weight}/{@code in_proj_bias} and the {@code out_proj} Linear) and layouts (time-major by
 * default, heads split from the embedding's dimension as PyTorch does, weights averaged over heads), and the
 * sinusoidal positional encoding; and {@link org.vecgrad.nn.attention.TransformerEncoderLayer} (post-norm or
 * pre-norm, ReLU or GELU, PyTorch's submodule names).
 *
 * <p>Everything is written with differentiable tensor operations, so gradients of any order come with it; the
 * tests check gradcheck and gradgradcheck, and MultiheadAttention's and TransformerEncoderLayer's outputs and every gradient against
 * PyTorch 1.13 in F64 within 1e-10 (fixtures written by {@code nn/src/test/fixtures/make_rnn_fixtures.py}).
 * Boolean masks follow {@code nn.MultiheadAttention}: true means "may not attend".
 */
package org.vecgrad.nn.attention;
