package dev.confab.model;

/** A channel topic or purpose: the text, who set it and when (epoch seconds). */
public record TextValue(String value, String creator, long lastSet) {
    public static final TextValue EMPTY = new TextValue("", "", 0);

    public TextValue {
        value = value == null ? "" : value;
        creator = creator == null ? "" : creator;
    }
}
