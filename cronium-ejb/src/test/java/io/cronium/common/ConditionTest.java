package io.cronium.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static final Condition.Facts FACTS = new Condition.Facts(0, "SUCCESS", json("""
            {"count": 12, "ratio": 0.5, "state": "done", "tags": ["a", "b"], "items": [{"state": "ok"}, {"state": "failed"}],
             "nothing": null, "flag": true}"""));

    static boolean holds(String condition) throws Exception {
        return Condition.parse(condition).holds(FACTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exitCode == 0 | true",
            "exitCode != 0 | false",
            "status == 'SUCCESS' | true",
            "output.count >= 10 and output.count < 12.5 | true",
            "output.count > 12 | false",
            "output.ratio == 0.50 | true",
            "output.state == \"done\" | true",
            "output.items[1].state == 'failed' | true",
            "output.items[5].state == 'failed' | false",
            "output.missing.deeper == null | true",
            "output.nothing == null | true",
            "output.tags contains 'b' | true",
            "output.state contains 'on' | true",
            "output.tags contains 'z' | false",
            "output.flag | true",
            "output.state | false",
            "not output.flag | false",
            "not (exitCode == 1) | true",
            "exitCode == 1 or output.count == 12 and output.state == 'done' | true",
            "(exitCode == 1 or output.count == 12) and output.state == 'nope' | false",
            "output.state < 'e' | true",
            "output.count < 'a' | false",
            "output.count == '12' | false",
            "output.items[0] == output.items[0] | true",
            "exitCode == -1 | false",
    })
    void conditionsEvaluateOnExitCodeStatusAndOutput(String condition, boolean expected) throws Exception {
        assertEquals(expected, holds(condition), condition);
    }

    @Test
    void aStepWithoutOutputHasNullEverywhereInIt() throws Exception {
        var facts = new Condition.Facts(3, "FAILURE", null);
        assertTrue(Condition.parse("output == null and output.a == null and exitCode == 3").holds(facts));
        assertFalse(Condition.parse("output.a > 0").holds(facts));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exitCode == | a value is missing at the end",
            "exitCode = 0 | unexpected '=' at position 10",
            "input.x == 1 | unknown name 'input' at position 1: use exitCode, status or output",
            "output.items[x] == 1 | an index (0, 1, ...) is expected after '[' at position 14",
            "(exitCode == 0 | ')' expected at the end",
            "output.state == 'open | the string at position 17 is not closed",
            "exitCode == 0 exitCode | unexpected 'exitCode' at position 15",
            "System.exit(1) | unknown name 'System' at position 1: use exitCode, status or output",
            "1.2.3 == 1 | '1.2.3' at position 1 is not a number",
    })
    void aConditionThatDoesNotParseSaysWhereAndWhy(String condition, String reason) {
        var e = assertThrows(Condition.InvalidConditionException.class, () -> Condition.parse(condition));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void emptyOverlongAndTooDeepConditionsAreRefused() {
        assertThrows(Condition.InvalidConditionException.class, () -> Condition.parse(" "));
        assertThrows(Condition.InvalidConditionException.class, () -> Condition.parse("exitCode == 0 or ".repeat(100)));
        var deep = assertThrows(Condition.InvalidConditionException.class,
                () -> Condition.parse("(".repeat(40) + "true" + ")".repeat(40)));
        assertTrue(deep.getMessage().contains("deeper than 32"), deep.getMessage());
    }
}
