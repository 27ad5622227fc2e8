package io.cronium.platform;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a keyset-paginated list, newest first. {@code nextBefore} is the id to continue below,
 * or null on the last page.
 */
public record Page<T>(List<T> items, Long nextBefore) {

    /** Builds a page from a query that fetched {@code limit + 1} rows: the extra row only proves there is more. */
    public static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), id.applyAsLong(items.get(limit - 1)));
    }

    /** The same page with each item turned into something else (the cursor is unchanged). */
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), nextBefore);
    }
}
