package io.cronium.variables.boundary;

/** A variable's value as a client sets it; {@code secret} keeps it encrypted and never shown (default false). */
public record VariableDraft(String value, Boolean secret) {

    @Override
    public String toString() {
        return "VariableDraft[secret=" + secret + "]";
    }
}
