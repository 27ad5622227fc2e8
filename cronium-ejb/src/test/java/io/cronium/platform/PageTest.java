package io.cronium.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void theExtraRowOnlyProvesThereIsMore() {
        var page = Page.of(List.of(9L, 8L, 7L), 2, Long::longValue);
        assertEquals(List.of(9L, 8L), page.items());
        assertEquals(8L, page.nextBefore());
    }

    @Test
    void theLastPageHasNoCursor() {
        var page = Page.of(List.of(2L, 1L), 2, Long::longValue);
        assertEquals(List.of(2L, 1L), page.items());
        assertNull(page.nextBefore());
    }
}
