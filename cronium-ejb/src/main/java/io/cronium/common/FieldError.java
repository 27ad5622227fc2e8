package io.cronium.common;

/** One invalid input field and what is wrong with it, phrased for the user. */
public record FieldError(String field, String message) {
}
