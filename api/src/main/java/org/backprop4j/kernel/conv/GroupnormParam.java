package org.backprop4j.kernel.conv;

/**
 * The {@code G} and {@code gn_param = {'eps': eps}} arguments of {@code spatial_groupnorm_forward}: the channels are
 * split into {@code groups} consecutive groups, and each sample is normalized over each group's channels and pixels.
 *
 * @param groups G, which must divide the number of channels
 * @param eps    added to the variance before the square root
 */
public record GroupnormParam(int groups, double eps) {

    /** @throws IllegalArgumentException if {@code groups < 1} or {@code eps} is not positive */
    public GroupnormParam {
        if (groups < 1) {
            throw new IllegalArgumentException("groupnorm G must be at least 1, got " + groups + ".");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("gn_param eps must be positive, got " + eps + ".");
        }
    }

    /** {@code G} groups with the notebook's {@code eps = 1e-5}. */
    public GroupnormParam(int groups) {
        this(groups, 1e-5);
    }
}
