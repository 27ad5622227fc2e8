package io.cronium.web.api;

import io.cronium.platform.Page;
import java.util.List;
import java.util.function.Function;

/** The list envelope of the API: {@code {items, nextCursor}}. */
public record PageView<T>(List<T> items, String nextCursor) {

    public static <E, T> PageView<T> of(Page<E> page, Function<E, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), Cursor.encode(page.nextBefore()));
    }
}
