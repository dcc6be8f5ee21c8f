package dev.confab.bench;

import java.util.Collection;
import java.util.List;

/** The median of a few repetitions and their range: how a figure and its stability are reported. */
record Spread(double median, double min, double max, int n) {

    static Spread of(Collection<? extends Number> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        List<Double> v = values.stream().map(Number::doubleValue).sorted().toList();
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Spread(median, v.getFirst(), v.getLast(), n);
    }
}
