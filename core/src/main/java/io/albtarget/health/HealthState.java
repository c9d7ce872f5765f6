package io.albtarget.health;

/** Where a target is in its life, as the health endpoint reports it. */
public enum HealthState {
    /** Not ready yet: health answers 503. */
    STARTING,
    /** Ready: health answers the matcher's code while every critical indicator is UP. */
    SERVING,
    /** Shutting down: health answers 503 while every other request is still served. */
    DRAINING,
    /** Drained: the server may stop. */
    STOPPED
}
