package vn.egovpulse.scoring.criteria;

import vn.egovpulse.platform.rest.ProblemException;

/**
 * Who changes a criteria set. A set shared by every province (default-2026, qd766, and any set
 * a national admin created) decides how the whole country is ranked, so only a national admin
 * (group {@code national}) may replace it; a province's admin may create sets of their own and
 * replace those.
 */
public record Caller(String province, boolean national) {

    /** Fails with 403 unless this caller may add a version to a set owned by {@code owner} (null: shared). */
    public void checkMayReplace(String id, String owner) {
        if (national) {
            return;
        }
        if (owner == null) {
            throw new ProblemException(403, "Forbidden", "criteria set '" + id
                    + "' is shared by every province: replacing it needs a national admin (group 'national')", null);
        }
        if (!owner.equals(province)) {
            throw new ProblemException(403, "Forbidden", "criteria set '" + id + "' belongs to province '" + owner
                    + "'; the token is for '" + province + "'", null);
        }
    }

    /** The owner of a set this caller creates: null (shared) for a national admin, else their province. */
    public String ownerOfNewSet() {
        return national ? null : province;
    }

    /** Fails with 403 when the token can create nothing: neither national nor of a province. */
    public void checkMayCreate() {
        if (!national && (province == null || province.isBlank())) {
            throw new ProblemException(403, "Forbidden", "the token carries no province claim and no national role", null);
        }
    }
}
