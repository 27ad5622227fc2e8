package io.cronium.events.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * Which HTTP status codes count as success, written as a comma-separated list of codes, ranges and classes:
 * {@code 2xx}, {@code 200-299,304}, {@code 2xx,404}.
 */
public final class SuccessStatuses {

    public static final String DEFAULT = "2xx";

    private record Range(int from, int to) {
    }

    private final List<Range> ranges;

    private SuccessStatuses(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses the list; throws IllegalArgumentException naming the part that is not a code, range or class. */
    public static SuccessStatuses parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : (text == null || text.isBlank() ? DEFAULT : text).split(",")) {
            String part = raw.trim().toLowerCase();
            try {
                if (part.matches("[1-5]xx")) {
                    int base = (part.charAt(0) - '0') * 100;
                    ranges.add(new Range(base, base + 99));
                } else if (part.matches("\\d{3}-\\d{3}")) {
                    ranges.add(range(Integer.parseInt(part.substring(0, 3)), Integer.parseInt(part.substring(4))));
                } else if (part.matches("\\d{3}")) {
                    ranges.add(range(Integer.parseInt(part), Integer.parseInt(part)));
                } else {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + raw.trim() + "' is not a status code (200), a range "
                        + "(200-299) or a class (2xx)");
            }
        }
        return new SuccessStatuses(List.copyOf(ranges));
    }

    private static Range range(int from, int to) {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException();
        }
        return new Range(from, to);
    }

    public boolean contains(int status) {
        return ranges.stream().anyMatch(r -> status >= r.from() && status <= r.to());
    }
}
