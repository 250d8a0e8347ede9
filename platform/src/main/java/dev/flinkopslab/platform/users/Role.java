package dev.flinkopslab.platform.users;

/** What a user may do in one namespace; each role may do all the ones before it may. */
public enum Role {
    /** read everything in the namespace */
    VIEWER,
    /** also create, change and delete its resources (artifacts, deployments) */
    EDITOR,
    /** also manage who has which role; ADMIN of the {@code default} namespace manages the platform's users */
    ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }
}
