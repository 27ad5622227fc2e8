package io.cronium.events.control;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Locale;

/**
 * Cron syntax accepted by Cronium: Unix (5 fields, minute resolution) or Quartz (6-7 fields, with seconds),
 * told apart by the number of fields.
 */
public final class CronExpressions {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private CronExpressions() {
    }

    /** @throws IllegalArgumentException with cron-utils' explanation of which field is wrong */
    public static Cron parse(String expression) {
        String trimmed = expression.trim();
        int fields = trimmed.split("\\s+").length;
        if (fields == 5) {
            return UNIX.parse(trimmed).validate();
        }
        if (fields == 6 || fields == 7) {
            return QUARTZ.parse(trimmed).validate();
        }
        throw new IllegalArgumentException("expected 5 fields (Unix) or 6-7 fields with seconds (Quartz), got " + fields);
    }

    public static String describe(String expression) {
        return CronDescriptor.instance(Locale.ENGLISH).describe(parse(expression));
    }
}
