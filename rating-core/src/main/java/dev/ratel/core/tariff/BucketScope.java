package dev.ratel.core.tariff;

/** Whose counter a bucket draws on. */
public enum BucketScope {
    /**
     * Each number has its own (Keńse's 200 minutes per SIM; the Virtual PBX pool, held by the
     * group number that members' calls go out from).
     */
    NUMBER,
    /** One pool for the whole account, shared by all its numbers the rules let draw on it. */
    ACCOUNT
}
