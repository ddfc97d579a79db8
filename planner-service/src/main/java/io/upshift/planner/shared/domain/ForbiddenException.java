package io.upshift.planner.shared.domain;

/**
 * The caller may make this kind of call, but not on this thing (the creator of a campaign
 * approving its first production wave): HTTP 403.
 */
public class ForbiddenException extends RuntimeException {

    private final String rule;

    /**
     * @param rule a short name of the rule that forbids it ({@code four-eyes}), used as the problem type
     */
    public ForbiddenException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
