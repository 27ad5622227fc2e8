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

    private static final String[] UNIX_FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final String[] QUARTZ_FIELDS = {"second", "minute", "hour", "day of month", "month", "day of week", "year"};

    /** @throws IllegalArgumentException naming the field that is wrong, with cron-utils' explanation */
    public static Cron parse(String expression) {
        String trimmed = expression.trim();
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5 && fields.length != 6 && fields.length != 7) {
            throw new IllegalArgumentException("expected 5 fields (Unix) or 6-7 fields with seconds (Quartz), got " + fields.length);
        }
        try {
            return parser(fields).parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            String field = offendingField(fields);
            throw new IllegalArgumentException((field == null ? "" : "the " + field + " field is wrong: ")
                    + e.getMessage().replace("Failed to parse cron expression. ", ""), e);
        }
    }

    /** The field that, replaced by a wildcard, makes the expression valid: the one to blame. */
    private static String offendingField(String[] fields) {
        String[] names = fields.length == 5 ? UNIX_FIELDS : QUARTZ_FIELDS;
        for (int i = 0; i < fields.length; i++) {
            String[] probe = fields.clone();
            boolean quartzDay = fields.length > 5 && (i == 3 || i == 5);
            probe[i] = quartzDay ? "?" : "*";
            if (quartzDay) {
                int other = i == 3 ? 5 : 3;
                probe[other] = probe[other].equals("?") ? "*" : probe[other];
            }
            try {
                parser(fields).parse(String.join(" ", probe)).validate();
                return names[i];
            } catch (IllegalArgumentException stillWrong) {
                // not this one
            }
        }
        return null;
    }

    private static CronParser parser(String[] fields) {
        return fields.length == 5 ? UNIX : QUARTZ;
    }

    public static String describe(String expression) {
        return CronDescriptor.instance(Locale.ENGLISH).describe(parse(expression));
    }
}
