package io.upshift.planner.shared.domain;

/** Something the caller named does not exist (an unknown package, version, org or campaign): HTTP 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
