package io.upshift.planner.campaign.domain;

/** What had finished and failed in a wave when a person last resumed it: the gate judges only what came after. */
public record GateBaseline(int finished, int failures) {
    public static final GateBaseline NONE = new GateBaseline(0, 0);
}
