package org.vecgrad.nn.data;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.vecgrad.engine.NdArray;

/**
 * A per-sample transform of a sample's features, such as a data augmentation (torchvision's {@code transforms}).
 * A {@link DataLoader} given one with {@link DataLoader#transform(Transform, long)} applies it to every sample of
 * every batch, with a generator of its own per (epoch, sample) — see there for the seeding. {@link Transforms} has
 * the ready-made ones (random crop, horizontal flip, normalisation).
 *
 * <p>A transform draws all its randomness from {@code random}, so the same generator state gives the same result;
 * it must not modify {@code x} (return a new array, or {@code x} itself when nothing changes).
 */
@FunctionalInterface
public interface Transform {

    /** The transformed sample. */
    NdArray apply(NdArray x, RandomGenerator random);

    /** This transform, then {@code next} on its result (sharing the same generator, in that order). */
    default Transform andThen(Transform next) {
        Objects.requireNonNull(next, "next");
        return (x, random) -> next.apply(apply(x, random), random);
    }

    /** The transforms applied left to right (torchvision's {@code Compose}); no transforms is the identity. */
    static Transform compose(Transform... transforms) {
        Transform out = (x, random) -> x;
        for (Transform t : transforms) {
            out = out.andThen(Objects.requireNonNull(t, "a transform in compose is null"));
        }
        return out;
    }
}
