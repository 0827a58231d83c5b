package vn.egovpulse.reporting.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.egovpulse.platform.rest.ProblemException;

import java.util.Base64;
import java.util.List;

/**
 * Where the next page of items starts: the kind of item, the unit and the sort key of the last
 * item sent. Opaque to clients: base64url of a small JSON array. Items are ordered by unit code,
 * then by the item's key (case: caseId; document and meeting: local day, source, id; feedback:
 * feedbackId; assessment record: period), so a page never repeats or skips an item even while
 * new facts arrive (a new item lands before or after the cursor, once).
 */
public record Cursor(ItemDefs.Kind kind, String unit, String k1, String k2, String k3) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String encode() {
        try {
            byte[] json = JSON.writeValueAsBytes(List.of(kind.name(), unit, k1, k2, k3));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null for no cursor; a 400 naming {@code cursor} for one this service did not make for {@code kind}. */
    public static Cursor decode(String text, ItemDefs.Kind kind) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() > 4096) {
                throw new IllegalArgumentException();
            }
            List<?> a = JSON.readValue(Base64.getUrlDecoder().decode(text), List.class);
            if (a.size() != 5 || !kind.name().equals(a.get(0)) || !(a.get(1) instanceof String unit)
                    || !(a.get(2) instanceof String k1) || !(a.get(3) instanceof String k2) || !(a.get(4) instanceof String k3)) {
                throw new IllegalArgumentException();
            }
            return new Cursor(kind, unit, k1, k2, k3);
        } catch (Exception e) {
            throw ProblemException.badRequest("cursor", "is not a cursor of this list: pass the `next` of the previous page unchanged");
        }
    }

}
