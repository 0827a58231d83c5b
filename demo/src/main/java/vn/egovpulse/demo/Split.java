package vn.egovpulse.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an exact integer total over units so that group figures come out exact while each
 * unit's share follows its weight (size × the rate the unit is steered towards).
 */
final class Split {
    static final int NO_CAP = Integer.MAX_VALUE;

    private Split() {
    }

    /**
     * Share i is {@code fixed[i]} when {@code fixed} is given and {@code fixed[i] >= 0};
     * otherwise a largest-remainder share of what is left, proportional to {@code weights[i]}
     * and never above {@code caps[i]} (what a capped share cannot take goes to the others).
     */
    static int[] split(long total, int[] fixed, double[] weights, int[] caps) {
        int n = weights.length;
        int[] out = new int[n];
        boolean[] done = new boolean[n];
        long left = total;
        for (int i = 0; i < n; i++) {
            if (fixed != null && fixed[i] >= 0) {
                if (fixed[i] > caps[i]) {
                    throw new IllegalStateException("fixed share " + fixed[i] + " above cap " + caps[i]);
                }
                out[i] = fixed[i];
                left -= fixed[i];
                done[i] = true;
            } else if (!(weights[i] > 0) || caps[i] <= 0) {
                done[i] = true;
            }
        }
        if (left < 0) {
            throw new IllegalStateException("fixed shares exceed the total " + total);
        }
        boolean capped = true;
        while (capped) {
            capped = false;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += done[i] ? 0 : weights[i];
            }
            if (sum == 0) {
                break;
            }
            long leftBefore = left;
            for (int i = 0; i < n; i++) {
                if (!done[i] && leftBefore * weights[i] / sum >= caps[i]) {
                    out[i] = caps[i];
                    left -= caps[i];
                    done[i] = true;
                    capped = true;
                }
            }
        }
        List<Integer> active = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!done[i]) {
                active.add(i);
                sum += weights[i];
            }
        }
        if (active.isEmpty()) {
            if (left != 0) {
                throw new IllegalStateException("cannot place " + left + " of " + total + ": every share is capped");
            }
            return out;
        }
        double[] fraction = new double[n];
        long assigned = 0;
        for (int i : active) {
            double share = left * weights[i] / sum;
            out[i] = (int) Math.floor(share);
            fraction[i] = share - out[i];
            assigned += out[i];
        }
        long rest = left - assigned;
        if (rest < 0 || rest > active.size()) {
            throw new IllegalStateException("rounding went wrong: " + rest);
        }
        active.sort((a, b) -> fraction[a] != fraction[b] ? Double.compare(fraction[b], fraction[a]) : Integer.compare(a, b));
        for (int k = 0; k < rest; k++) {
            out[active.get(k)]++;
        }
        return out;
    }

    static int[] split(long total, double[] weights) {
        int[] caps = new int[weights.length];
        java.util.Arrays.fill(caps, NO_CAP);
        return split(total, null, weights, caps);
    }
}
