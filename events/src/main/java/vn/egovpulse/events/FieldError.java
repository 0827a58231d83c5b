package vn.egovpulse.events;

/** Why one event was refused: {@code index} in the batch, the offending {@code field}, and a message. */
public record FieldError(int index, String field, String message) {
}
