package dev.confab.bench;

/**
 * Expected versus received deliveries of one fan-out run: every post acknowledged {@code ok}
 * whose intended time fell inside the window should reach every connected member of its channel
 * once. {@code missing} counts shortfall, {@code extra} any surplus (duplicates, or deliveries of
 * posts whose acknowledgment failed or never came).
 */
record DeliveryTally(long postsOk, int membersPerChannel, long received) {
    long expected() {
        return postsOk * membersPerChannel;
    }

    long missing() {
        return Math.max(0, expected() - received);
    }

    long extra() {
        return Math.max(0, received - expected());
    }

    /** Received as a share of expected, 1.0 when nothing was expected. */
    double completeness() {
        return expected() == 0 ? 1.0 : (double) received / expected();
    }
}
