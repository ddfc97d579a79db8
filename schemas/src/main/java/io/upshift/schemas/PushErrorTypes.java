package io.upshift.schemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of Salesforce's {@code PackagePushError.ErrorType} values and their class, used by
 * both of the executor's gateways (Salesforce and the simulated fleet) and by the fleet's world.
 * It lives here, beside the outcome's {@code errorCategory}, because the executor and the simulated
 * fleet both depend on this module and on nothing of each other's.
 *
 * <p>Transient means a later push of the org (a new command: a person's retry) may pass; permanent
 * means the same push fails again. Either way a push job that ran and failed is its command's
 * outcome: the command never pushes the org again.
 */
public final class PushErrorTypes {

    private static final Map<String, Boolean> TRANSIENT_BY_TYPE = table();

    private PushErrorTypes() {
    }

    private static Map<String, Boolean> table() {
        Map<String, Boolean> table = new LinkedHashMap<>();
        table.put("ApexTestFailure", false);
        table.put("DeployError", false);
        table.put("FeatureMissing", false);
        table.put("IneligibleUpgrade", false);
        table.put("PACError", false);
        // A Salesforce limit or a lock held in the org: gone later.
        table.put("LimitExceeded", true);
        table.put("LockingFailure", true);
        // Salesforce's internal errors (and a failed job without any error row): a later push often passes.
        table.put("UnclassifiedError", true);
        return Collections.unmodifiableMap(table);
    }

    /** Every documented type, in the table's order. */
    public static Set<String> all() {
        return TRANSIENT_BY_TYPE.keySet();
    }

    /** Whether a failure of this type may pass on a later push, or empty for a type Salesforce does not document. */
    public static Optional<Boolean> isTransient(String errorType) {
        return Optional.ofNullable(errorType == null ? null : TRANSIENT_BY_TYPE.get(errorType));
    }
}
