package io.upshift.planner.inventory.domain;

/** Whether a package version is released (can be pushed) or a beta (cannot be pushed or upgraded from). */
public enum ReleaseState {
    RELEASED,
    BETA
}
