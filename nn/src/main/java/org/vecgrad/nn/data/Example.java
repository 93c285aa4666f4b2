package org.vecgrad.nn.data;

import org.vecgrad.engine.NdArray;

/**
 * One sample of a {@link Dataset}: its features and either a class label or a target array.
 *
 * @param features the sample's features (shape = the dataset's feature shape)
 * @param label    the class index 0, 1, … for a labelled dataset; −1 when the dataset has targets instead
 * @param target   the regression target, or null for a labelled dataset
 */
public record Example(NdArray features, int label, NdArray target) {
}
