package dev.tokenmeter.deploy.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/** A choice and how often it is made, relative to the other choices of its list. */
record Weighted<T>(T value, double weight) {

    static <T> T pick(List<Weighted<T>> choices, RandomGenerator random) {
        double total = 0;
        for (Weighted<T> choice : choices) {
            total += choice.weight;
        }
        double point = random.nextDouble() * total;
        for (Weighted<T> choice : choices) {
            point -= choice.weight;
            if (point < 0) {
                return choice.value;
            }
        }
        return choices.get(choices.size() - 1).value;
    }
}
